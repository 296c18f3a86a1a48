import { ENGLISH_SPAM } from './spam-lists-en.js';
import { INTERNATIONAL_SPAM } from './spam-lists-intl.js';
import type { SpamLists } from './spam-roles.js';

export { SPAM_FAMILIES, type SpamFamily, type SpamRole } from './spam-roles.js';

/**
 * Built-in phrases of comment spam, per language, the way a moderator would write them down.
 * They are combined by role (see spam.ts):
 *
 * - `promo` (self-promotion) and `scam` phrases are enough on their own;
 * - a `mine` word shortly before a `media` word (or a `mineAfter` word right after it) is the
 *   author's own channel ("my new channel", "το κανάλι μου"); asking people to look at it
 *   (`invite`: "check out … my channel") is promotion;
 * - `ask` verbs are promotion when they open a clause, as an order: "Subscribe!", "please suscribe";
 * - a `creator` introducing themselves ("I'm a new youtuber": `iam` + `creator`, or `started`:
 *   "just started my channel") who names their own channel, counts an `audience` or mentions
 *   subscribing is promotion; one who made something (`imake` + `media`: "we did some covers")
 *   and invites people to it too;
 * - a `goal` next to an `audience` is promotion: "help me reach 100 subscribers", and so is an
 *   `invite` to go somewhere `elsewhere`: "search my name on YouTube", "follow me on twitter".
 *
 * A trailing `*` matches any ending. Playbooks add and allow phrases on top (`spam: { add, allow }`).
 */
export const SPAM_LISTS: Record<string, SpamLists> = { en: ENGLISH_SPAM, ...INTERNATIONAL_SPAM };

/**
 * Words that make an invitation a statement about oneself: "I listen to my music", "we watch
 * our videos" are not asking anyone to do anything.
 */
export const FIRST_PERSON = new Set([
  'i',
  'we',
  "i'll",
  'ill',
  "we'll",
  "i'd",
  "i've",
  'yo',
  'je',
  'ich',
  'wir',
  'eu',
  'io',
  'εγω',
  'εμεις',
  'მე',
]);

/** Words before an `ask` verb that still make it an order: "please subscribe", "come subscribe", "like and subscribe". */
export const ORDER_OPENERS = new Set(['please', 'pls', 'plz', 'plzz', 'plss', 'come', 'go', 'and', 'just', 'so', 'now', 'guys']);
