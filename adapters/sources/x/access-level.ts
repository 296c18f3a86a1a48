import type { PlatformAction } from '../../../src/domain/action.js';

export const X_ACCESS_LEVELS = ['pay-per-use', 'enterprise'] as const;
export type XAccessLevel = (typeof X_ACCESS_LEVELS)[number];

/*
 * What each level of X API access lets the account do. Replies, hiding replies and DMs work on
 * pay-per-use (replies only to posts that mention or quote the account: X refuses the others, and
 * the card says so); blocking is Enterprise only. Deleting or privately answering someone else's
 * post does not exist on X.
 */
export const X_CAPABILITIES: Readonly<Record<XAccessLevel, readonly PlatformAction[]>> = {
  'pay-per-use': ['reply', 'hide', 'unhide', 'send_dm'],
  enterprise: ['reply', 'hide', 'unhide', 'send_dm', 'block'],
};

/* X has no field that shows whether a reply is hidden, so a hide whose answer was lost cannot be confirmed. */
export const X_READ_BACK: readonly PlatformAction[] = ['reply', 'send_dm', 'block'];

export const describeAccessLevel = (level: XAccessLevel): string =>
  level === 'enterprise'
    ? 'Enterprise: reply, hide replies, DM and block'
    : 'pay-per-use: reply (to posts that mention or quote the account), hide replies and DM; no blocking (Enterprise only)';
