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

export const SPAM_FAMILIES = ['self_promotion', 'disguised_link', 'scam'] as const;
export type SpamFamily = (typeof SPAM_FAMILIES)[number];
