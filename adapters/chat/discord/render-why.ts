import type { APIEmbedField } from 'discord.js';
import type { CardHistoryLine, CardModel } from '../../../src/domain/card.js';
import { languageName, sentimentLabel } from '../../../src/domain/card-signals.js';
import { discordDate, fitMarkdown, LIMITS } from './discord-text.js';

const MAX_REASON_TERMS = 10;
const MAX_HISTORY_LINES = 10;
const WHAT_CHARS = 200;
const DETAIL_CHARS = 300;

const OUTCOME_ICON: Record<CardHistoryLine['outcome'], string> = { ok: '✅', pending: '⏳', failed: '❌' };

const code = (text: string, max: number): string => `\`${text.replace(/`/gu, '').slice(0, max)}\``;

export const renderWhy = (card: CardModel): APIEmbedField => {
  const reasons = card.reasons.map((reason) => {
    const terms = reason.matched.slice(0, MAX_REASON_TERMS).map((term) => `“${fitMarkdown(term, 60)}”`);
    const rule = `rule ${code(reason.rule, 80)} (${fitMarkdown(reason.kind, 40)})`;
    return terms.length > 0 ? `• ${rule} matched ${terms.join(', ')}` : `• ${rule}`;
  });
  const signals = [
    card.sentiment === undefined ? undefined : `Sentiment: ${sentimentLabel(card.sentiment)}`,
    card.language === undefined ? undefined : `Language: ${fitMarkdown(languageName(card.language), 80)}`,
  ].filter((part): part is string => part !== undefined);
  const lines = [...(reasons.length > 0 ? reasons : ['• no rule recorded']), ...(signals.length > 0 ? [signals.join(' · ')] : [])];
  return { name: '🚩 Why it was handed off', value: lines.join('\n') };
};

/** Discord users ("discord:123", or the bare id a card's history carries) become mentions (embeds never ping); rule ids and other chats' users stay code. */
const actorLabel = (actor: string): string => {
  const user = /^(?:discord:)?(\d{5,25})$/u.exec(actor)?.[1];
  return user ? `<@${user}>` : code(actor, 80);
};

const renderLine = (line: CardHistoryLine): string => {
  const base = `${OUTCOME_ICON[line.outcome]} ${actorLabel(line.actor)} ${fitMarkdown(line.what, WHAT_CHARS)} · ${discordDate(line.at)}`;
  if (!line.detail) return base;
  const detail = fitMarkdown(line.detail, DETAIL_CHARS);
  return line.outcome === 'failed' ? `${base}\n  said: *${detail}*` : `${base} — ${detail}`;
};

/** Oldest first, as a log reads; only the latest lines fit on a card. */
export const renderHistory = (history: CardHistoryLine[]): APIEmbedField[] => {
  if (history.length === 0) return [];
  const shown = history.slice(-MAX_HISTORY_LINES);
  const lines = shown.map(renderLine);
  // The latest lines matter most: older ones make room rather than the newest being cut off.
  while (lines.length > 1 && lines.join('\n').length > LIMITS.fieldValue - 40) lines.shift();
  const hidden = history.length - lines.length;
  return [{ name: 'History', value: [...(hidden > 0 ? [`*…${hidden} earlier*`] : []), ...lines].join('\n') }];
};
