import type { ChatWording } from '../../../src/command-center/explain-press.js';
import { slackDate } from './slack-date.js';
import { slackMention } from './slack-mention.js';

/** Mentions ping, and dates show in each reader's own zone (UTC for notifications and old clients). */
export const SLACK_WORDING: ChatWording = {
  mention: slackMention,
  formatDate: (at) => slackDate(at, '{date_short_pretty} {time}', 'UTC'),
};
