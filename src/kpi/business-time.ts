import { DateTime } from 'luxon';
import { WEEKDAYS, type Calendar, type Weekday } from '../engine/business-hours.js';

/** Milliseconds of open business hours between two instants (the inverse of addBusinessTime). */
export const businessMsBetween = (calendar: Calendar, from: Date, to: Date): number => {
  if (to <= from) return 0;
  let total = 0;
  const last = DateTime.fromJSDate(to, { zone: calendar.timezone }).startOf('day');
  let day = DateTime.fromJSDate(from, { zone: calendar.timezone }).startOf('day');
  // A year of days at most: deadlines are hours away, never further than the next open day.
  for (let guard = 0; guard < 366 && day <= last; guard += 1, day = day.plus({ days: 1 })) {
    if (calendar.holidays.has(day.toISODate() ?? '')) continue;
    const weekday = WEEKDAYS[day.weekday - 1] as Weekday;
    for (const [openMinute, closeMinute] of calendar.days[weekday]) {
      const begin = Math.max(day.plus({ minutes: openMinute }).toMillis(), from.getTime());
      const end = Math.min(day.plus({ minutes: closeMinute }).toMillis(), to.getTime());
      if (end > begin) total += end - begin;
    }
  }
  return total;
};

/**
 * How much of the time to its deadline a waiting conversation has used, measured the way the
 * deadline was set: in business hours when there is a calendar, else wall time.
 */
export const elapsedShare = (start: Date, deadline: Date, now: Date, calendar?: Calendar | null): number => {
  const measure = (from: Date, to: Date) => (calendar ? businessMsBetween(calendar, from, to) : Math.max(0, to.getTime() - from.getTime()));
  const allowed = measure(start, deadline);
  if (allowed <= 0) return now >= deadline ? 1 : 0;
  return measure(start, now) / allowed;
};
