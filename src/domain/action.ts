/**
 * Outbound platform operations an adapter may support. `send_template` sends the playbook's approved
 * message template (WhatsApp, once its 24-hour customer-service window has closed).
 */
export const PLATFORM_ACTIONS = ['reply', 'private_reply', 'hide', 'unhide', 'delete', 'send_dm', 'block', 'send_template'] as const;
export type PlatformAction = (typeof PLATFORM_ACTIONS)[number];

/** 'succeeded' is the stored name for done. */
export const ACTION_STATUSES = ['pending', 'in_flight', 'succeeded', 'failed', 'unknown', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
