import type { APIEmbed, APIEmbedField } from 'discord.js';
import { type CardModel, REDACTED_WORDS } from '../../../src/domain/card.js';
import type { Priority } from '../../../src/domain/decision.js';
import { closedWindowWords } from '../../../src/domain/customer-window.js';
import { platformName } from '../../../src/domain/platform.js';
import { ruleFiguresWords } from '../../../src/domain/rule-figures-words.js';
import { allowedMentionsOf, type AllowedMentions } from './discord-mention.js';
import { discordDate, fitMarkdown, fitPlain, fitQuote, LIMITS } from './discord-text.js';
import { fitEmbed } from './fit-embed.js';
import { renderButtonRows, type ComponentRow } from './render-buttons.js';
import { renderAuthorChange, renderAuthorLine, renderLinks, renderThread } from './render-message.js';
import { renderHistory, renderWhy } from './render-why.js';
import { renderStorm } from './render-storm.js';

export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ComponentRow[];
  /** Commenter text never pings: only an escalation's own mention is named here. */
  allowed_mentions: AllowedMentions;
}

const PRIORITY_ICON: Record<Priority, string> = { urgent: '🔴', high: '🟠', normal: '🟡', low: '⚪' };
const PRIORITY_COLOR: Record<Priority, number> = { urgent: 0xd83c3e, high: 0xf0883e, normal: 0xf2c94c, low: 0x99aab5 };
const RESOLVED_COLOR = 0x3ba55d;
const DRAFT_CHARS = LIMITS.fieldValue;
const PARENT_CHARS = 500;

/** Our cards are found again by this footer (after a post whose answer was lost). */
export const cardFooterPrefix = (cardId: string): string => `Switchboard card ${cardId} · v`;
export const cardFooter = (cardId: string, version: number): string => `${cardFooterPrefix(cardId)}${version}`;

const headline = (card: CardModel): string => `${card.state === 'resolved' ? '✅' : PRIORITY_ICON[card.priority]} ${card.headline}`;

const slaText = (deadline: Date, now: Date): string =>
  deadline.getTime() >= now.getTime()
    ? `⏱ SLA ${discordDate(deadline)} (${discordDate(deadline, 'R')})`
    : `⚠️ SLA ${discordDate(deadline)} (**overdue**)`;

const metaFields = (card: CardModel, now: Date): APIEmbedField[] => {
  const state = card.state === 'resolved' ? '✅ **Resolved**' : card.slaDeadline ? slaText(card.slaDeadline, now) : card.state;
  return [
    { name: 'Platform', value: `**${platformName(card.platform)}** · ${fitMarkdown(card.accountName, 120)}`, inline: true },
    { name: 'Priority', value: `**${card.priority}** · ${state}`, inline: true },
  ];
};

const draftField = (draft: CardModel['draft']): APIEmbedField[] => {
  if (!draft) return [{ name: '✍️ No draft', value: 'Write the reply with **Edit**.' }];
  const source = draft.source === 'llm' ? 'LLM' : `template ${fitMarkdown(draft.source, 80)}`;
  const fields: APIEmbedField[] = [{ name: `✍️ Draft reply · ${source.replace(/\\/gu, '')}`, value: fitQuote(draft.text, DRAFT_CHARS) }];
  if (draft.note) fields.push({ name: '⚠️ About the draft', value: fitMarkdown(draft.note, 300) });
  return fields;
};

/** A card from a rule at veto or auto: one line of its record at that level. */
const figuresField = (card: CardModel): APIEmbedField[] =>
  card.ruleFigures ? [{ name: '🤖 Acting on its own', value: fitMarkdown(ruleFiguresWords(card.ruleFigures), 300) }] : [];

const safeUrl = (url: string | undefined): string | undefined => (url && /^https?:\/\//u.test(url) && URL.canParse(url) ? url : undefined);

/** The message quoted as large as the description allows once the links are counted. */
const description = (card: CardModel): string => {
  const links = renderLinks(card.message);
  const author = renderAuthorLine(card.author);
  const room = LIMITS.embedDescription - author.length - links.length - 4;
  return [author, fitQuote(card.message.text, room), links].filter(Boolean).join('\n');
};

const redacted = (card: CardModel, now: Date): APIEmbed =>
  fitEmbed({
    title: headline(card),
    description: `🗑️ *The message, the author's name and the draft were ${REDACTED_WORDS}.*`,
    fields: [...metaFields(card, now), ...renderHistory(card.history)],
    footer: cardFooter(card.cardId, card.version),
  });

const fullEmbed = (card: CardModel, now: Date): APIEmbed => {
  const fields: APIEmbedField[] = [...metaFields(card, now), ...draftField(card.draft), ...figuresField(card), renderWhy(card)];
  if (card.storm) fields.push(renderStorm(card.storm));
  const change = renderAuthorChange(card.message);
  if (change) fields.push(change);
  if (card.message.parentText) fields.push({ name: '↩️ In reply to', value: fitQuote(card.message.parentText, PARENT_CHARS) });
  if (card.message.thread.length > 0) fields.push(renderThread(card.message.thread));
  if (card.replyWindow) {
    // Our own words around Discord's timestamp markup, which escaping would break; nothing from the commenter.
    const words = closedWindowWords(card.platform, card.replyWindow, discordDate(card.replyWindow.closedAt));
    fields.push({ name: '⏳ Reply window closed', value: fitPlain(words, LIMITS.fieldValue) });
  }
  fields.push(...renderHistory(card.history));
  return fitEmbed({
    title: headline(card),
    url: safeUrl(card.message.url),
    description: description(card),
    fields,
    footer: cardFooter(card.cardId, card.version),
    color: card.state === 'resolved' ? RESOLVED_COLOR : PRIORITY_COLOR[card.priority],
  });
};

/** A handoff card: one embed and its buttons; nothing on it pings anyone. */
export const renderCard = (card: CardModel, options: { now?: Date } = {}): RenderedMessage => {
  const now = options.now ?? new Date();
  return {
    embeds: [card.redacted ? redacted(card, now) : fullEmbed(card, now)],
    components: renderButtonRows(card.buttons, card.cardId, card.version),
    allowed_mentions: allowedMentionsOf(undefined),
  };
};
