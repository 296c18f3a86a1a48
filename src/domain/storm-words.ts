import { CARD_BUTTON_LABELS, REDACTED_WORDS, type StormFolds } from './card.js';

/** The storm section in words, the same in every chat (each escapes and lays it out its own way). */
export interface StormWords {
  /** "47 handoffs folded into this card" */
  title: string;
  /** "handoff-refund ×20, handoff-question ×27" */
  byReason: string;
  /** What is still waiting, and the button that posts it. */
  waiting: string;
  /** The newest few, newest first: author and excerpt. */
  latest: { author: string; text: string }[];
}

const LISTED = 'Each is listed in this card’s thread.';
const UNFOLD = `“${CARD_BUTTON_LABELS.unfold}”`;

const waitingWords = (waiting: number): string => {
  if (waiting === 0) return `None is waiting to be posted on its own. ${LISTED}`;
  if (waiting === 1) return `1 is still open and not posted on its own: ${UNFOLD} posts it as a card. ${LISTED}`;
  return `${waiting} are still open and not posted on their own: ${UNFOLD} posts them as cards. ${LISTED}`;
};

export const stormWords = (storm: StormFolds): StormWords => ({
  title: `🌪️ ${storm.total} ${storm.total === 1 ? 'handoff' : 'handoffs'} on this post folded into this card`,
  byReason: storm.byReason.map((entry) => `${entry.reason} ×${entry.count}`).join(', '),
  waiting: waitingWords(storm.waiting),
  latest: storm.latest.map((line) => ({ author: line.author, text: line.text ?? REDACTED_WORDS })),
});
