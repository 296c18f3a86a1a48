import type { ChatAlert, ChatNote } from '../../../src/domain/chat.js';
import { allowedMentionsOf } from './discord-mention.js';
import { escapeMarkdown, fitMarkdown, fitSlice, LIMITS, link } from './discord-text.js';
import { fitEmbed } from './fit-embed.js';
import { renderButtonRows } from './render-buttons.js';
import type { RenderedMessage } from './render-card.js';

/** Our escalation alerts are found again by this footer (after a post whose answer was lost). */
export const alertFooter = (cardId: string): string => `Switchboard escalation · card ${cardId}`;

/** Mention first (so the notification pings and shows who is wanted), then the escaped words; only the mention may ping. */
export const renderNote = (note: ChatNote): { content: string; allowed_mentions: RenderedMessage['allowed_mentions'] } => {
  const parts = [note.mention, escapeMarkdown(note.text), note.link ? link(note.link.url, note.link.label) : undefined];
  return {
    content: fitSlice(parts.filter((part): part is string => Boolean(part)).join(' '), LIMITS.content),
    allowed_mentions: allowedMentionsOf(note.mention),
  };
};

/** An escalation: the mention in the content (mentions in embeds never ping), the details and the buttons in the embed. */
export const renderAlert = (alert: ChatAlert): RenderedMessage => {
  const lines = alert.lines.map((line) => fitMarkdown(line, 1000));
  if (alert.link) lines.push(link(alert.link.url, alert.link.label));
  const note = renderNote({ ...(alert.mention ? { mention: alert.mention } : {}), text: alert.title });
  return {
    ...note,
    embeds: [
      fitEmbed({
        title: alert.title,
        description: lines.join('\n'),
        fields: [],
        footer: alert.footer ?? alertFooter(alert.cardId),
        color: alert.calm ? 0x5865f2 : 0xd83c3e,
      }),
    ],
    components: renderButtonRows(alert.buttons, alert.cardId, alert.version),
  };
};
