import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest, PlatformClient } from '../../../src/domain/source.js';

/** One time an action shows on the fake platform: a reply, a hidden comment, a sent message, a block. */
export interface PlatformEffect {
  /** The platform's id for what was created (the reply, the message), when there is one. */
  externalId?: string;
}

/** A call the fake has received and acted on, whose answer it holds back until released. */
export interface HeldAnswer {
  arrived: Promise<void>;
  release: () => void;
}

/**
 * What the contract needs from one platform: its client, pointed at a fake of the platform on
 * loopback, and ways to set up targets on that fake, read what happened there and make it fail.
 */
export interface PlatformClientSubject {
  client: PlatformClient;
  /** The same client giving up after a second or less, for the scenario that waits its timeout out. */
  impatientClient: PlatformClient;
  /** Creates on the fake what the action applies to (a comment, a hidden one, a conversation, a user) and the request for it. */
  prepare: (platform: string, kind: PlatformAction) => Promise<PlatformActionRequest>;
  /** The action as the fake shows it now: one entry per time it took effect. */
  effects: (request: PlatformActionRequest) => Promise<PlatformEffect[]>;
  /** Whether the platform lets findCompleted see that this action happened. */
  readsBack: (platform: string, kind: PlatformAction) => boolean;
  /** Requests the fake has received so far. */
  callCount: () => number;
  /** The next request gets this answer and has no effect. */
  failNext: {
    serverError: () => void;
    rateLimited: (retryAfterSeconds: number) => void;
  };
  /** From now on the platform refuses this request for good (a revoked token, a deleted object). */
  refuseForGood: (request: PlatformActionRequest) => Promise<void>;
  /** The next request takes effect, but its answer comes only when released: later than the impatient client waits. */
  holdNextAnswer: () => HeldAnswer;
  close: () => Promise<void>;
}

export type MakeSubject = () => Promise<PlatformClientSubject>;
