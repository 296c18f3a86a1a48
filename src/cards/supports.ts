import type { PlatformAction } from '../domain/action.js';

/** Whether a platform can perform an action (a card offers, and a press accepts, only those). */
export type Supports = (platform: string, action: PlatformAction) => boolean;
