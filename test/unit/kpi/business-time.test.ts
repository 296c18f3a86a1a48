import { describe, expect, it } from 'vitest';
import { businessMsBetween, elapsedShare } from '../../../src/kpi/business-time.js';
import { weekdayCalendar } from '../../support/calendars.js';

const HOUR = 3_600_000;
const calendar = weekdayCalendar('Europe/Athens', [9, 18], ['2025-06-16']);

describe('businessMsBetween', () => {
  it('counts only open hours, skipping nights, weekends and holidays', () => {
    // Thursday 12 June 2025, Athens is UTC+3: 16:00–18:00 local on Thursday, nothing at night.
    expect(businessMsBetween(calendar, new Date('2025-06-12T13:00:00Z'), new Date('2025-06-13T05:00:00Z'))).toBe(2 * HOUR);
    // Friday 17:00 local to Tuesday 10:00 local: 1 h on Friday, Monday is a holiday, 1 h on Tuesday.
    expect(businessMsBetween(calendar, new Date('2025-06-13T14:00:00Z'), new Date('2025-06-17T07:00:00Z'))).toBe(2 * HOUR);
    expect(businessMsBetween(calendar, new Date('2025-06-13T14:00:00Z'), new Date('2025-06-13T14:00:00Z'))).toBe(0);
  });
});

describe('elapsedShare', () => {
  it('measures in business time with a calendar, wall time without', () => {
    // A 2-business-hour target set Friday 17:00 local: due Tuesday 10:00 (Monday is a holiday).
    const start = new Date('2025-06-13T14:00:00Z');
    const deadline = new Date('2025-06-17T07:00:00Z');
    const saturday = new Date('2025-06-14T09:00:00Z');
    expect(elapsedShare(start, deadline, saturday, calendar)).toBe(0.5);
    expect(elapsedShare(start, deadline, saturday)).toBeCloseTo(19 / 89, 10);
  });

  it('a deadline at the start is fully used once passed', () => {
    const at = new Date('2025-06-14T09:00:00Z');
    expect(elapsedShare(at, at, at)).toBe(1);
    expect(elapsedShare(at, at, new Date('2025-06-14T08:00:00Z'))).toBe(0);
  });
});
