import type { PlatformAction } from '../domain/action.js';
import type { MessageKind } from '../domain/message.js';

/** Whether a platform can perform an action (on that kind of message, when given): a card offers, and a press accepts, only those. */
export type Supports = (platform: string, action: PlatformAction, on?: MessageKind) => boolean;
