import { describePress } from '../cards/describe.js';
import type { PressResult } from '../domain/press.js';
import { errorMessage } from '../errors.js';

/** How a chat writes the parts of a sentence that are its own syntax. */
export interface ChatWording {
  /** Our actor id as a mention ('slack:U1' → '<@U1>'). */
  mention: (actor: string) => string;
  /** A moment, as the chat shows dates to its readers. */
  formatDate: (at: Date) => string;
}

export const STALE_BUTTON_WORDS = 'This button belongs to an older version of Switchboard; the card will refresh.';
export const MISSING_CARD_WORDS = 'This card no longer exists.';

export const refusalWords = (reason: string): string => `Nothing was done: ${reason}`;

/** Words for the person whose press did not go through; undefined when it did (the card update says so). */
export const explainPress = (result: PressResult, wording: ChatWording): string | undefined => {
  if (result.outcome === 'accepted') return undefined;
  if (result.outcome === 'refused') return refusalWords(result.reason);
  return refusalWords(`${wording.mention(result.by)} already ${describePress(result.what)} (${wording.formatDate(result.at)}).`);
};

/** A press that failed on our side: the person learns nothing happened and may try again. */
export const pressFailedWords = (error: unknown): string =>
  `Something went wrong and nothing was done: ${errorMessage(error)}. Try again in a moment.`;
