import type { APIEmbedField } from 'discord.js';
import type { CardModel } from '../../../src/domain/card.js';
import { authorFacts } from '../../../src/domain/card-signals.js';
import { discordDate, fitMarkdown, fitQuote, link } from './discord-text.js';

const MAX_TAGS = 10;
const MAX_THREAD_LINES = 5;
const THREAD_LINE_CHARS = 160;
const WAS_CHARS = 500;

export const renderAuthorLine = (author: CardModel['author']): string => {
  const name = author.profileUrl ? link(author.profileUrl, author.name) : `**${fitMarkdown(author.name, 120)}**`;
  const handle = author.username ? ` (@${fitMarkdown(author.username, 80)})` : '';
  const facts = authorFacts(author);
  const tags = author.tags.slice(0, MAX_TAGS).map((tag) => `\`${tag.replace(/`/gu, '').slice(0, 40)}\``);
  if (tags.length > 0) facts.push(`tags ${tags.join(' ')}`);
  return `👤 ${name}${handle} · ${facts.join(' · ')}`;
};

export const renderLinks = (message: CardModel['message']): string =>
  [message.url && link(message.url, 'Open message'), message.postUrl && link(message.postUrl, 'View post')]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join(' · ');

export const renderThread = (thread: CardModel['message']['thread']): APIEmbedField => {
  const recent = thread.slice(-MAX_THREAD_LINES);
  const lines = recent.map(
    (line) =>
      `• **${fitMarkdown(line.from, 60)}** ${discordDate(line.at)}: ${fitMarkdown(line.text.replace(/\s+/gu, ' '), THREAD_LINE_CHARS)}`,
  );
  const name = thread.length > recent.length ? `🧵 Earlier (last ${recent.length} of ${thread.length})` : '🧵 Earlier in the conversation';
  return { name, value: lines.join('\n') };
};

/** What the author did to the message after it arrived: removed it, or edited it (with what it said before). */
export const renderAuthorChange = (message: CardModel['message']): APIEmbedField | undefined => {
  if (message.deletedByAuthorAt) return { name: '🗑️ Deleted by the author', value: discordDate(message.deletedByAuthorAt) };
  if (!message.edited) return undefined;
  return { name: '✏️ Edited by the author', value: `${discordDate(message.edited.at)}, was:\n${fitQuote(message.edited.was, WAS_CHARS)}` };
};
