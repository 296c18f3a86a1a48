import { describe, expect, it } from 'vitest';
import type { PollQuota } from '../../../src/domain/polling-source.js';
import { dailyResetAt } from '../../../src/polling/daily-reset.js';
import { failureBackoffMs, planNextPollDelay } from '../../../src/polling/plan-next-poll.js';
import { quotaWindow } from '../../../src/polling/quota-window.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => new Date(iso);

describe('dailyResetAt', () => {
  const pacificMidnight = dailyResetAt('America/Los_Angeles');

  it('gives the next midnight Pacific, in summer and winter time', () => {
    expect(pacificMidnight(at('2026-07-01T12:00:00Z'))).toEqual(at('2026-07-02T07:00:00Z'));
    expect(pacificMidnight(at('2026-12-01T12:00:00Z'))).toEqual(at('2026-12-02T08:00:00Z'));
  });

  it('at the reset itself, gives the one after', () => {
    expect(pacificMidnight(at('2026-07-02T07:00:00Z'))).toEqual(at('2026-07-03T07:00:00Z'));
  });

  it('takes an hour of the day, and refuses a time zone that does not exist', () => {
    expect(dailyResetAt('UTC', 9)(at('2026-07-01T08:59:00Z'))).toEqual(at('2026-07-01T09:00:00Z'));
    expect(() => dailyResetAt('Pacific Time')).toThrow(/IANA name/u);
  });
});

describe('quotaWindow', () => {
  const quota: PollQuota = { unitsPerDay: 10_000, reserveUnits: 2_000, nextReset: dailyResetAt('UTC') };
  const now = at('2026-07-01T12:00:00Z');

  it('counts the units spent in the current window, less the reserve', () => {
    const window = quotaWindow({ unitsUsed: 500, quotaResetsAt: at('2026-07-02T00:00:00Z') }, quota, now);
    expect(window).toEqual({ resetsAt: at('2026-07-02T00:00:00Z'), unitsUsed: 500, unitsLeft: 7_500 });
  });

  it('forgets units spent before the last reset', () => {
    const window = quotaWindow({ unitsUsed: 8_000, quotaResetsAt: at('2026-07-01T00:00:00Z') }, quota, now);
    expect(window).toEqual({ resetsAt: at('2026-07-02T00:00:00Z'), unitsUsed: 0, unitsLeft: 8_000 });
  });

  it('never goes below zero, and is unlimited without a quota', () => {
    expect(quotaWindow({ unitsUsed: 9_000, quotaResetsAt: at('2026-07-02T00:00:00Z') }, quota, now).unitsLeft).toBe(0);
    expect(quotaWindow({ unitsUsed: 9_000, quotaResetsAt: null }, undefined, now)).toMatchObject({
      resetsAt: null,
      unitsLeft: Number.POSITIVE_INFINITY,
    });
  });
});

describe('planNextPollDelay', () => {
  const now = at('2026-07-01T12:00:00Z');
  const window = (unitsLeft: number) => ({ resetsAt: at('2026-07-02T00:00:00Z'), unitsUsed: 0, unitsLeft });

  it('polls at the interval while the quota lasts until the reset', () => {
    expect(planNextPollDelay({ intervalMs: MINUTE, window: window(8_000), lastPollUnits: 1, now })).toBe(MINUTE);
  });

  it('spreads the polls left over the time left when the interval would spend the quota too soon', () => {
    // 12 hours left, 115 units, 5 units a poll: 23 polls, one every 30 minutes, the last before the reset.
    expect(planNextPollDelay({ intervalMs: MINUTE, window: window(115), lastPollUnits: 5, now })).toBe(30 * MINUTE);
  });

  it('waits for the reset once not even one more poll fits', () => {
    expect(planNextPollDelay({ intervalMs: MINUTE, window: window(4), lastPollUnits: 5, now })).toBe(12 * HOUR);
  });

  it('is the interval for a source without a quota', () => {
    const unlimited = { resetsAt: null, unitsUsed: 0, unitsLeft: Number.POSITIVE_INFINITY };
    expect(planNextPollDelay({ intervalMs: MINUTE, window: unlimited, lastPollUnits: 3, now })).toBe(MINUTE);
  });
});

describe('failureBackoffMs', () => {
  it('doubles from the interval and stops at 15 minutes', () => {
    expect([1, 2, 3].map((failures) => failureBackoffMs(MINUTE, failures))).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE]);
    expect(failureBackoffMs(MINUTE, 10)).toBe(15 * MINUTE);
    expect(failureBackoffMs(HOUR, 3)).toBe(HOUR);
  });
});
