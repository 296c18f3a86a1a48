import { EmbedBuilder, embedLength } from '@discordjs/builders';
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { fitMarkdown, fitPlain, fitSlice, LIMITS } from './discord-text.js';

export interface EmbedParts {
  /** Plain text: escaped here (a card's headline quotes the commenter). */
  title: string;
  url?: string | undefined;
  description?: string | undefined;
  /** Most important first: when the whole would pass 6,000 characters, the last ones go first. */
  fields: APIEmbedField[];
  footer: string;
  color?: number;
}

const fitField = (field: APIEmbedField): APIEmbedField => ({
  name: fitPlain(field.name, LIMITS.fieldName) || '\u200b',
  value: fitSlice(field.value, LIMITS.fieldValue) || '\u200b',
  ...(field.inline ? { inline: true } : {}),
});

/** Shortens the description (never below a readable start), then leaves out trailing fields, until the whole fits. */
const fitTotal = (embed: APIEmbed): APIEmbed => {
  let fitted = embed;
  const over = () => embedLength(fitted) - LIMITS.embedTotal;
  if (over() > 0 && fitted.description) {
    const keep = Math.max(200, fitted.description.length - over());
    fitted = { ...fitted, description: fitSlice(fitted.description, keep) };
  }
  while (over() > 0 && (fitted.fields?.length ?? 0) > 0) fitted = { ...fitted, fields: fitted.fields?.slice(0, -1) ?? [] };
  return fitted;
};

/**
 * One embed within every Discord limit (title 256, description 4,096, field 1,024, 25 fields,
 * 6,000 in total), built with discord.js's EmbedBuilder, which refuses anything past them.
 */
export const fitEmbed = (parts: EmbedParts): APIEmbed => {
  const builder = new EmbedBuilder()
    .setTitle(fitMarkdown(parts.title, LIMITS.embedTitle))
    .setFooter({ text: fitPlain(parts.footer, LIMITS.footer) })
    .addFields(parts.fields.slice(0, LIMITS.fields).map(fitField));
  if (parts.url) builder.setURL(parts.url);
  if (parts.description) builder.setDescription(fitSlice(parts.description, LIMITS.embedDescription));
  if (parts.color !== undefined) builder.setColor(parts.color);
  return fitTotal(builder.toJSON());
};
