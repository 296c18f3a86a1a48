import type { KnownBlock } from '@slack/web-api';
import type { CardHistoryLine } from '../../../src/domain/card.js';
import { slackDate } from './slack-date.js';
import { escapeMrkdwn, fitMrkdwn, section } from './slack-text.js';

const MAX_LINES = 10;
const WHAT_CHARS = 200;
const DETAIL_CHARS = 300;

const OUTCOME_ICON: Record<CardHistoryLine['outcome'], string> = { ok: '✅', pending: '⏳', failed: '❌' };

const SLACK_USER = /^(?:slack:)?([UW][A-Z0-9]{2,})$/u;

/** Slack users ("slack:U123" or "U123") become mentions; rule ids and other chats' users stay code. */
const actorLabel = (actor: string): string => {
  const user = SLACK_USER.exec(actor)?.[1];
  return user ? `<@${user}>` : `\`${escapeMrkdwn(actor.replace(/`/g, ''))}\``;
};

const renderLine = (line: CardHistoryLine, platformName: string, timeZone: string): string => {
  const when = slackDate(line.at, '{date_short_pretty} {time}', timeZone);
  const base = `${OUTCOME_ICON[line.outcome]} ${actorLabel(line.actor)} ${fitMrkdwn(line.what, WHAT_CHARS)} · ${when}`;
  if (!line.detail) return base;
  const detail = fitMrkdwn(line.detail, DETAIL_CHARS);
  return line.outcome === 'failed' ? `${base}\n      ${escapeMrkdwn(platformName)} said: _${detail}_` : `${base} — ${detail}`;
};

/** Oldest first, as a log reads; only the latest lines fit on a card. */
export const renderHistory = (history: CardHistoryLine[], platformName: string, timeZone: string): KnownBlock => {
  const shown = history.slice(-MAX_LINES);
  const hidden = history.length - shown.length;
  const lines = shown.map((line) => renderLine(line, platformName, timeZone));
  return section(['*History*', ...(hidden > 0 ? [`_…${hidden} earlier_`] : []), ...lines]);
};
