import { describe, expect, it } from 'vitest';
import { addBusinessTime, isBusinessHours } from '../../../src/engine/business-hours.js';
import { weekdayCalendar } from '../../support/calendars.js';

const berlin = weekdayCalendar('Europe/Berlin', [9, 17], ['2026-12-24']);

describe('business hours', () => {
  it('carries a deadline over a weekend that ends daylight saving time', () => {
    // Friday 16:00 CEST (UTC+2) plus two business hours is Monday 10:00 CET (UTC+1).
    const deadline = addBusinessTime(berlin, new Date('2026-10-23T14:00:00Z'), 2 * 3_600_000);
    expect(deadline.toISOString()).toBe('2026-10-26T09:00:00.000Z');
    // Asked again (the local days are remembered), the answer is the same.
    expect(addBusinessTime(berlin, new Date('2026-10-23T14:00:00Z'), 2 * 3_600_000).toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('skips holidays and starts counting at opening time', () => {
    expect(addBusinessTime(berlin, new Date('2026-12-23T15:30:00Z'), 3_600_000).toISOString()).toBe('2026-12-25T08:30:00.000Z');
    expect(addBusinessTime(berlin, new Date('2026-11-23T05:00:00Z'), 60_000).toISOString()).toBe('2026-11-23T08:01:00.000Z');
  });

  it('answers each minute for itself, around opening and closing', () => {
    expect(isBusinessHours(berlin, new Date('2026-11-23T07:59:59Z'))).toBe(false);
    expect(isBusinessHours(berlin, new Date('2026-11-23T08:00:00Z'))).toBe(true);
    expect(isBusinessHours(berlin, new Date('2026-11-23T08:00:30Z'))).toBe(true);
    expect(isBusinessHours(berlin, new Date('2026-11-23T15:59:59Z'))).toBe(true);
    expect(isBusinessHours(berlin, new Date('2026-11-23T16:00:00Z'))).toBe(false);
    expect(isBusinessHours(berlin, new Date('2026-12-24T10:00:00Z'))).toBe(false);
  });
});
