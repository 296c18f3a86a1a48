import type { KnownBlock } from '@slack/web-api';
import type { CommandAnswer, Words } from '../../../src/command-center/command-answer.js';
import { renderReport } from './render-report.js';
import { escapeMrkdwn } from './slack-text.js';

/** Plain parts escaped, code parts in backticks (which they may not contain themselves). */
export const renderWords = (words: Words): string =>
  words.map((part) => (typeof part === 'string' ? escapeMrkdwn(part) : `\`${escapeMrkdwn(part.code.replace(/`/gu, ''))}\``)).join('');

/** A command's answer as a Slack message body: a report's blocks, or words as mrkdwn text. */
export const renderAnswer = (answer: CommandAnswer): { text: string; blocks?: KnownBlock[] } =>
  answer.kind === 'report' ? renderReport(answer.report) : { text: renderWords(answer.words) };
