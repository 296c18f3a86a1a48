import type { KnownBlock } from '@slack/web-api';
import { type CardModel, REDACTED_WORDS } from '../../../src/domain/card.js';
import type { Priority } from '../../../src/domain/decision.js';
import { type ClosedWindow, closedWindowWords } from '../../../src/domain/customer-window.js';
import { renderActions } from './render-buttons.js';
import { renderHistory } from './render-history.js';
import { renderStorm } from './render-storm.js';
import { renderAuthor, renderAuthorChange, renderMessage, renderParent, renderThread } from './render-message.js';
import { formatDuration, slackDate } from './slack-date.js';
import { context, escapeMrkdwn, fitMrkdwn, fitPlain, fitQuote, LIMITS, plain, section } from './slack-text.js';
import { platformName } from '../../../src/domain/platform.js';
import { ruleFiguresWords } from '../../../src/domain/rule-figures-words.js';
import { languageName, sentimentLabel } from '../../../src/domain/card-signals.js';

export { parseButtonValue } from './button-value.js';
export { parseEditSubmission, renderEditModal } from './edit-modal.js';

export interface RenderOptions {
  /** Reference time for "due in…/overdue by…"; injected so renders are reproducible. */
  now?: Date;
  /** IANA zone for date fallbacks (notifications, old clients); Slack shows each reader their own zone. */
  timeZone?: string;
}

export interface RenderedCard {
  text: string;
  blocks: KnownBlock[];
}

const PRIORITY_ICON: Record<Priority, string> = { urgent: '🔴', high: '🟠', normal: '🟡', low: '⚪' };
const MAX_REASON_TERMS = 10;
const DRAFT_CHARS = 2500;

/** The lock-screen line: the header block and the notification text say the same thing. */
const headline = (card: CardModel): string =>
  fitPlain(`${card.state === 'resolved' ? '✅' : PRIORITY_ICON[card.priority]} ${card.headline}`, LIMITS.headerText);

const slaText = (deadline: Date, now: Date, timeZone: string): string => {
  const left = deadline.getTime() - now.getTime();
  const when = slackDate(deadline, '{date_short_pretty} {time}', timeZone);
  return left >= 0 ? `⏱ SLA ${when} (in ${formatDuration(left)})` : `⚠️ SLA ${when} (*overdue by ${formatDuration(left)}*)`;
};

const renderMeta = (card: CardModel, now: Date, timeZone: string): KnownBlock => {
  const parts = [`*${escapeMrkdwn(platformName(card.platform))}* · ${fitMrkdwn(card.accountName, 120)}`, `Priority: *${card.priority}*`];
  if (card.slaDeadline && card.state !== 'resolved') parts.push(slaText(card.slaDeadline, now, timeZone));
  if (card.state === 'resolved') parts.push('✅ *Resolved*');
  return context(parts);
};

const renderWhy = (card: CardModel): KnownBlock => {
  const reasons = card.reasons.map((reason) => {
    const terms = reason.matched.slice(0, MAX_REASON_TERMS).map((term) => `“${fitMrkdwn(term, 60)}”`);
    const rule = `rule \`${fitMrkdwn(reason.rule.replace(/`/g, ''), 80)}\` (${fitMrkdwn(reason.kind, 40)})`;
    return terms.length > 0 ? `• ${rule} matched ${terms.join(', ')}` : `• ${rule}`;
  });
  const signals = [
    card.sentiment === undefined ? undefined : `Sentiment: ${sentimentLabel(card.sentiment)}`,
    card.language === undefined ? undefined : `Language: ${escapeMrkdwn(languageName(card.language))}`,
  ].filter((part): part is string => part !== undefined);
  const lines = ['🚩 *Why it was handed off*', ...(reasons.length > 0 ? reasons : ['• no rule recorded'])];
  return section(signals.length > 0 ? [...lines, signals.join('  ·  ')] : lines);
};

const renderDraft = (draft: CardModel['draft']): KnownBlock[] => {
  if (!draft) return [section(['✍️ *No draft* — write the reply with *Edit*.'])];
  const source = draft.source === 'llm' ? 'LLM' : `template \`${fitMrkdwn(draft.source.replace(/`/g, ''), 80)}\``;
  const blocks: KnownBlock[] = [section([`✍️ *Draft reply* · ${source}`, fitQuote(draft.text, DRAFT_CHARS)])];
  if (draft.note) blocks.push(context([`⚠️ ${fitMrkdwn(draft.note, 300)}`]));
  return blocks;
};

/** WhatsApp's 24 hours are over: why there is no Approve, and the template offered instead. */
const renderClosedWindow = (card: CardModel, window: ClosedWindow, timeZone: string): KnownBlock =>
  section([`⏳ ${closedWindowWords(card.platform, window, slackDate(window.closedAt, '{date_short_pretty} {time}', timeZone))}`]);

/** Erased at the author's request: who did what, and the buttons still left, but nothing they wrote. */
const renderRedacted = (card: CardModel, title: string, now: Date, timeZone: string): RenderedCard => {
  const platform = platformName(card.platform);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(title, LIMITS.headerText) },
    renderMeta(card, now, timeZone),
    section([`🗑️ _The message, the author's name and the draft were ${REDACTED_WORDS}._`]),
  ];
  if (card.history.length > 0) blocks.push(renderHistory(card.history, platform, timeZone));
  const actions = renderActions(card, platform);
  if (actions) blocks.push(actions);
  return { text: escapeMrkdwn(title), blocks };
};

export const renderCard = (card: CardModel, options: RenderOptions = {}): RenderedCard => {
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? 'UTC';
  const platform = platformName(card.platform);
  const title = headline(card);
  if (card.redacted) return renderRedacted(card, title, now, timeZone);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(title, LIMITS.headerText) },
    renderMeta(card, now, timeZone),
    renderAuthor(card.author),
    renderMessage(card.message),
  ];
  const change = renderAuthorChange(card.message, timeZone);
  if (change) blocks.push(change);
  if (card.message.parentText) blocks.push(renderParent(card.message.parentText));
  if (card.message.thread.length > 0) blocks.push(renderThread(card.message.thread, timeZone));
  blocks.push(renderWhy(card));
  if (card.storm) blocks.push(renderStorm(card.storm));
  blocks.push({ type: 'divider' }, ...renderDraft(card.draft));
  if (card.ruleFigures) blocks.push(context([`🤖 ${fitMrkdwn(ruleFiguresWords(card.ruleFigures), 300)}`]));
  if (card.replyWindow) blocks.push(renderClosedWindow(card, card.replyWindow, timeZone));
  if (card.history.length > 0) blocks.push(renderHistory(card.history, platform, timeZone));
  const actions = renderActions(card, platform);
  if (actions) blocks.push(actions);
  return { text: escapeMrkdwn(title), blocks };
};
