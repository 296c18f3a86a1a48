import { AppError } from '../errors.js';
import type { InboundItem } from './source.js';

/** A platform's daily allowance of API units (YouTube Data API: 10,000 a day, reset at midnight Pacific). */
export interface PollQuota {
  unitsPerDay: number;
  /** The first reset after `now`: units spent before it count against today. */
  nextReset: (now: Date) => Date;
  /** Units polling leaves unspent, for the replies and moderation that share the quota. */
  reserveUnits: number;
  /**
   * What a quiet poll costs. When given, the planner spreads what is left over polls of this size, so
   * one large poll (a burst of comments) is paid back over the rest of the day, not by one long wait.
   */
  pollUnits?: number;
}

/** Units spent on a quota outside polls (replies, moderation), recorded where every worker's planner sees them. */
export interface QuotaLedger {
  /** `quotaResetsAt` names the window the units count against. */
  spend: (source: string, units: number, quotaResetsAt: Date) => Promise<void>;
}

/** What one poll may spend; `units` is Infinity for a source without a daily quota. */
export interface PollBudget {
  units: number;
}

export interface PollResult {
  /** Stored as the webhooks' items are: a dedupe key seen before is a no-op. */
  items: InboundItem[];
  /** Passed to the next poll (null: start from the beginning). Saved only after the items are stored. */
  cursor: string | null;
  unitsUsed: number;
  /**
   * The platform refused for lack of quota part-way: the items read before it are stored and the
   * source is paused until its quota resets (the cursor should not have moved past what was not read).
   */
  quotaExceeded?: string;
}

/** A platform without webhooks (YouTube, X without webhooks): Switchboard asks it for what is new. */
export interface PollingSource {
  /** Stored as inbound_events.source and as the key of its cursor. */
  name: string;
  /** The shortest time between two polls; with a quota, polls are spread further to last until the reset. */
  intervalMs: number;
  quota?: PollQuota;
  poll: (cursor: string | null, budget: PollBudget) => Promise<PollResult>;
}

/** The platform refused for lack of quota: the source is paused until `resumeAt`, or else its quota's reset. */
export class QuotaExceededError extends AppError {
  constructor(
    message: string,
    readonly resumeAt?: Date,
  ) {
    super('platform_rate_limited', message);
    this.name = 'QuotaExceededError';
  }
}

/** Where a polled source stands, as stored between polls. */
export interface PollingState {
  source: string;
  cursor: string | null;
  /** Spent in the quota window that ends at `quotaResetsAt`. */
  unitsUsed: number;
  quotaResetsAt: Date | null;
  /** Not polled before this (the planned interval, a backoff or a quota pause); null: due now. */
  nextPollAt: Date | null;
  /** Failed polls in a row. */
  failures: number;
}
