import type { QuotaWindow } from './quota-window.js';

const MAX_BACKOFF_MS = 15 * 60_000;

export interface PollPlan {
  /** The source's shortest interval: never polled more often than this. */
  intervalMs: number;
  window: QuotaWindow;
  lastPollUnits: number;
  /** What a quiet poll costs (the quota's `pollUnits`); without it, the last poll's cost. */
  pollUnits?: number;
  now: Date;
}

/**
 * How long to wait before the next poll: the source's interval, or longer when the quota left would
 * not last until the reset at the rate of a poll; until the reset once it is spent.
 */
export const planNextPollDelay = (plan: PollPlan): number => {
  const { intervalMs, window, now } = plan;
  if (window.resetsAt === null) return intervalMs;
  const untilReset = Math.max(0, window.resetsAt.getTime() - now.getTime());
  const pollsLeft = Math.floor(window.unitsLeft / Math.max(1, plan.pollUnits ?? plan.lastPollUnits));
  if (pollsLeft <= 0) return Math.max(intervalMs, untilReset);
  // One gap more than polls: the last of them still falls before the reset, where its units would lapse.
  return Math.max(intervalMs, Math.ceil(untilReset / (pollsLeft + 1)));
};

/** After `failures` failed polls in a row: the interval, doubled each time, up to 15 minutes (or the interval if longer). */
export const failureBackoffMs = (intervalMs: number, failures: number): number =>
  Math.min(intervalMs * 2 ** Math.max(0, failures - 1), Math.max(intervalMs, MAX_BACKOFF_MS));
