import type { KnownBlock } from '@slack/web-api';
import type { StormFolds } from '../../../src/domain/card.js';
import { stormWords } from '../../../src/domain/storm-words.js';
import { escapeMrkdwn, fitMrkdwn, section } from './slack-text.js';

const REASONS_CHARS = 600;
const AUTHOR_CHARS = 80;
const EXCERPT_CHARS = 120;

/** A storm card's fold section: how many folded in, by reason, the newest excerpts, and what Post as cards does. */
export const renderStorm = (storm: StormFolds): KnownBlock => {
  const words = stormWords(storm);
  return section([
    `*${escapeMrkdwn(words.title)}*`,
    ...(words.byReason ? [fitMrkdwn(words.byReason, REASONS_CHARS)] : []),
    ...words.latest.map((line) => `• *${fitMrkdwn(line.author, AUTHOR_CHARS)}*: “${fitMrkdwn(line.text, EXCERPT_CHARS)}”`),
    `_${escapeMrkdwn(words.waiting)}_`,
  ]);
};
