/** What a spam phrase does in a combination (see spam-lists.ts). */
export type SpamRole =
  | 'promo'
  | 'scam'
  | 'mine'
  | 'mineAfter'
  | 'media'
  | 'invite'
  | 'ask'
  | 'iam'
  | 'imake'
  | 'creator'
  | 'started'
  | 'audience'
  | 'goal'
  | 'elsewhere';

export type SpamLists = Partial<Record<SpamRole, readonly string[]>>;

export { SPAM_FAMILIES, type SpamFamily } from '../domain/playbook-vocabulary.js';
