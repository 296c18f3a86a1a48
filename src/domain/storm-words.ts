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

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const stormWords = (storm: StormFolds): StormWords => ({
  title: `🌪️ ${plural(storm.total, 'handoff', 'handoffs')} on this post folded into this card`,
  byReason: storm.byReason.map((entry) => `${entry.reason} ×${entry.count}`).join(', '),
  waiting:
    storm.waiting > 0
      ? `${plural(storm.waiting, 'is', 'are')} still open and not posted on ${storm.waiting === 1 ? 'its' : 'their'} own: “${CARD_BUTTON_LABELS.unfold}” posts ${storm.waiting === 1 ? 'it' : 'them'} as cards. Each is listed in this card's thread.`
      : 'None is waiting to be posted on its own. Each is listed in this card’s thread.',
  latest: storm.latest.map((line) => ({ author: line.author, text: line.text ?? REDACTED_WORDS })),
});
