import type { PollQuota, PollingState } from '../domain/polling-source.js';

export interface QuotaWindow {
  /** When the current window ends; null for a source without a daily quota. */
  resetsAt: Date | null;
  unitsUsed: number;
  /** What polling may still spend before the reset, the reserve left aside. */
  unitsLeft: number;
}

/** The quota window `now` falls in: units spent in an earlier window no longer count. */
export const quotaWindow = (
  state: Pick<PollingState, 'unitsUsed' | 'quotaResetsAt'>,
  quota: PollQuota | undefined,
  now: Date,
): QuotaWindow => {
  if (quota === undefined) return { resetsAt: null, unitsUsed: state.unitsUsed, unitsLeft: Number.POSITIVE_INFINITY };
  const current = state.quotaResetsAt !== null && state.quotaResetsAt.getTime() > now.getTime();
  const unitsUsed = current ? state.unitsUsed : 0;
  return {
    resetsAt: current ? state.quotaResetsAt : quota.nextReset(now),
    unitsUsed,
    unitsLeft: Math.max(0, quota.unitsPerDay - quota.reserveUnits - unitsUsed),
  };
};
