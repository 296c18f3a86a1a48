import type { PlatformAction } from './action.js';
import type { Message, MessageKind } from './message.js';

/** A delivery report for something we sent (WhatsApp's status webhooks), carrying the action it belongs to. */
export interface DeliveryStatus {
  platform: string;
  /** Our action's id, as the send carried it (WhatsApp's `biz_opaque_callback_data`). */
  actionId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** The platform's id for the sent message (a wamid). */
  externalId: string;
  /** Whom it was sent to, as the platform reports it. */
  recipientId?: string;
  /** The platform's words for a failure. */
  error?: string;
  at: Date;
}

/** One event taken out of an inbound webhook body, before it is stored. */
export type InboundItem =
  | { type: 'message'; dedupeKey: string; message: Message; raw: unknown }
  | { type: 'edit'; dedupeKey: string; message: Message; raw: unknown }
  | { type: 'remove'; dedupeKey: string; platform: string; externalId: string; at: Date; raw: unknown }
  | { type: 'status'; dedupeKey: string; status: DeliveryStatus; raw: unknown }
  /** Recorded for the audit trail, never processed (reactions, statuses, unknown fields). */
  | { type: 'ignored'; dedupeKey: string; reason: string; raw: unknown };

/** An outbound operation on a platform, as stored in the actions table. */
export interface PlatformActionRequest {
  kind: PlatformAction;
  platform: string;
  /** The brand account acting (page id…): selects the token. */
  accountId: string;
  /** What the action is applied to: a comment id, a user id for block/send_dm. */
  target: string;
  text?: string;
  /** Our action's id: a platform that can echo it back (WhatsApp) gets it with the send. */
  actionId?: string;
  /** The stored action's key, the same on every attempt: receivers that deduplicate (the generic callback) use it. */
  idempotencyKey?: string;
}

export interface PlatformActionResult {
  /** Id the platform gave what we created (the reply's comment id, a message id). */
  externalId?: string;
  detail?: Record<string, unknown>;
}

/** The platform side of a source: performs actions and, when an outcome is unknown, reads state. */
export interface PlatformClient {
  readonly platforms: readonly string[];
  /** `on` narrows it to one kind of message (Instagram blocks only people it has a conversation with). */
  supports: (platform: string, action: PlatformAction, on?: MessageKind) => boolean;
  perform: (request: PlatformActionRequest) => Promise<PlatformActionResult>;
  /** Whether findCompleted can tell this action happened; where not, an unknown outcome waits for a person. */
  readsBack: (platform: string, action: PlatformAction) => boolean;
  /**
   * For an action whose earlier attempt may or may not have happened (a worker died mid-call):
   * look at the platform and return the result if it already took effect, undefined if not.
   */
  findCompleted: (request: PlatformActionRequest, since: Date) => Promise<PlatformActionResult | undefined>;
}
