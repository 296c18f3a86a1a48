import { describe, expect, it } from 'vitest';
import { YOUTUBE_COSTS, youtubeNextReset, youtubeQuota } from '../../../adapters/sources/youtube/index.js';
import { planNextPollDelay } from '../../../src/polling/plan-next-poll.js';
import { quotaWindow } from '../../../src/polling/quota-window.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const FLOOR = 15 * SECOND;
const quota = youtubeQuota(10_000);
const at = (iso: string) => new Date(iso);

/** The delay the planner gives after a poll that cost `lastPollUnits`, with `unitsUsed` spent today. */
const delayAt = (now: Date, unitsUsed: number, lastPollUnits: number = YOUTUBE_COSTS.listThreads, plan = quota) => {
  const window = quotaWindow({ unitsUsed, quotaResetsAt: youtubeNextReset(now) }, plan, now);
  return planNextPollDelay({ intervalMs: FLOOR, window, lastPollUnits, now, ...(plan.pollUnits ? { pollUnits: plan.pollUnits } : {}) });
};

describe('the YouTube quota planner', () => {
  it('resets at midnight Pacific, in summer and in winter time', () => {
    expect(youtubeNextReset(at('2026-07-01T12:00:00Z'))).toEqual(at('2026-07-02T07:00:00Z'));
    expect(youtubeNextReset(at('2026-12-01T12:00:00Z'))).toEqual(at('2026-12-02T08:00:00Z'));
    // The autumn change: the day of 1 November 2026 is 25 hours long in Los Angeles.
    expect(youtubeNextReset(at('2026-11-01T07:30:00Z'))).toEqual(at('2026-11-02T08:00:00Z'));
  });

  it('keeps a reserve for replies and moderation out of what polling may spend', () => {
    expect(quota.reserveUnits).toBe(1_200);
    const now = at('2026-07-01T07:00:01Z');
    expect(quotaWindow({ unitsUsed: 0, quotaResetsAt: null }, quota, now).unitsLeft).toBe(8_800);
    expect(quotaWindow({ unitsUsed: 8_800, quotaResetsAt: youtubeNextReset(now) }, quota, now).unitsLeft).toBe(0);
  });

  it('polls within a minute over a whole day on the default quota', () => {
    const justAfterReset = at('2026-07-01T07:00:01Z');
    const delay = delayAt(justAfterReset, 0);
    expect(delay).toBeLessThanOrEqual(MINUTE);
    expect(delay).toBeGreaterThanOrEqual(FLOOR);
    // Polls of this size spaced like this spend no more than polling's share by the reset.
    const polls = Math.floor((24 * 60 * MINUTE) / delay);
    expect(polls * quota.pollUnits!).toBeLessThanOrEqual(quota.unitsPerDay - quota.reserveUnits);
  });

  it('never polls more often than every 15 s, however large the quota', () => {
    const generous = youtubeQuota(1_000_000);
    expect(delayAt(at('2026-07-01T07:00:01Z'), 0, 5, generous)).toBe(FLOOR);
    expect(delayAt(at('2026-07-02T06:59:50Z'), 0, 5, generous)).toBe(FLOOR);
  });

  it('pays a burst back over the rest of the day, not with one long wait', () => {
    const now = at('2026-07-01T12:00:00Z');
    const quiet = delayAt(now, 500);
    const afterBurst = delayAt(now, 600, 100);
    expect(afterBurst).toBeGreaterThanOrEqual(quiet);
    expect(afterBurst).toBeLessThan(quiet * 1.1);
  });

  it('spreads polls further as the day’s units run low, and waits for the reset once polling’s share is spent', () => {
    const now = at('2026-07-01T19:00:00Z');
    const untilReset = youtubeNextReset(now).getTime() - now.getTime();
    expect(delayAt(now, 8_000)).toBeGreaterThan(delayAt(now, 1_000));
    expect(delayAt(now, 8_795)).toBe(untilReset);
    // Actions may still spend the reserve: it is not polling's.
    expect(delayAt(now, 9_500)).toBe(untilReset);
  });
});
