/** Outbound platform operations an adapter may support. */
export const PLATFORM_ACTIONS = ['reply', 'private_reply', 'hide', 'unhide', 'delete', 'send_dm', 'block'] as const;
export type PlatformAction = (typeof PLATFORM_ACTIONS)[number];

/** 'succeeded' is the stored name for done. */
export const ACTION_STATUSES = ['pending', 'in_flight', 'succeeded', 'failed', 'unknown', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
