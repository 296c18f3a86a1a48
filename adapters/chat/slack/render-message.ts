import type { KnownBlock } from '@slack/web-api';
import type { CardModel } from '../../../src/domain/card.js';
import { authorFacts } from '../../../src/domain/card-signals.js';
import { slackDate } from './slack-date.js';
import { context, escapeMrkdwn, fitMrkdwn, fitQuote, LIMITS, link, section } from './slack-text.js';

const MAX_TAGS = 10;
const MAX_THREAD_LINES = 5;
const THREAD_LINE_CHARS = 280;
const PARENT_CHARS = 500;

export const renderAuthor = (author: CardModel['author']): KnownBlock => {
  const name = author.profileUrl ? link(author.profileUrl, author.name) : escapeMrkdwn(author.name);
  const handle = author.username ? ` (@${fitMrkdwn(author.username, 80)})` : '';
  const facts = authorFacts(author);
  const tags = author.tags.slice(0, MAX_TAGS).map((tag) => `\`${fitMrkdwn(tag.replace(/`/g, ''), 40)}\``);
  if (tags.length > 0) facts.push(`tags ${tags.join(' ')}`);
  return section([`👤 *${name}*${handle}  ·  ${facts.join('  ·  ')}`]);
};

/** The message quoted as large as the section allows once its label and links are counted. */
export const renderMessage = (message: CardModel['message']): KnownBlock => {
  const label = '💬 *Message*';
  const links = [message.url && link(message.url, 'Open message'), message.postUrl && link(message.postUrl, 'View post')]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join('  ·  ');
  const fixed = links ? [label, links] : [label];
  const overhead = fixed.reduce((sum, line) => sum + line.length + 1, 0);
  const quote = fitQuote(message.text, LIMITS.sectionText - overhead);
  return section(links ? [label, quote, links] : [label, quote]);
};

export const renderParent = (parentText: string): KnownBlock => context([`↩️ *In reply to:*\n${fitQuote(parentText, PARENT_CHARS)}`]);

export const renderThread = (thread: CardModel['message']['thread'], timeZone: string): KnownBlock => {
  const recent = thread.slice(-MAX_THREAD_LINES);
  const earlier = thread.length - recent.length;
  const lines = recent.map((line) => {
    const when = slackDate(line.at, '{date_short_pretty} {time}', timeZone);
    return `• *${fitMrkdwn(line.from, 80)}* ${when}: ${fitMrkdwn(line.text.replace(/\s+/gu, ' '), THREAD_LINE_CHARS)}`;
  });
  const heading = '🧵 *Earlier in the conversation*';
  return section([earlier > 0 ? `${heading} (last ${recent.length} of ${thread.length})` : heading, ...lines]);
};

const WAS_CHARS = 500;

/** What the author did to the message after it arrived: removed it, or edited it (with what it said before). */
export const renderAuthorChange = (message: CardModel['message'], timeZone: string): KnownBlock | undefined => {
  if (message.deletedByAuthorAt) {
    return context([`🗑️ *Deleted by the author* at ${slackDate(message.deletedByAuthorAt, '{date_short_pretty} {time}', timeZone)}`]);
  }
  if (!message.edited) return undefined;
  const when = slackDate(message.edited.at, '{date_short_pretty} {time}', timeZone);
  return context([`✏️ *Edited by the author* at ${when}, was:\n${fitQuote(message.edited.was, WAS_CHARS)}`]);
};
