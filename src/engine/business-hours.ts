import { DateTime } from 'luxon';

import { HOURS_PATTERN, WEEKDAYS, type Weekday } from '../domain/playbook-vocabulary.js';

export { HOURS_PATTERN, WEEKDAYS, type Weekday };

/** Open intervals per weekday in minutes after local midnight, [from, to). */
export interface Calendar {
  timezone: string;
  days: Record<Weekday, [number, number][]>;
  /** Local dates (yyyy-mm-dd) when the team is off all day. */
  holidays: ReadonlySet<string>;
}

/** "09:00-18:00" → [540, 1080], or null when it is not a valid range. */
export const parseHours = (range: string): [number, number] | null => {
  const match = HOURS_PATTERN.exec(range.trim());
  if (!match) return null;
  const from = Number(match[1]) * 60 + Number(match[2]);
  const to = Number(match[3]) * 60 + Number(match[4]);
  return to > from && to <= 1440 ? [from, to] : null;
};

const localParts = (calendar: Calendar, at: Date) => {
  const local = DateTime.fromJSDate(at, { zone: calendar.timezone });
  const weekday = WEEKDAYS[local.weekday - 1] as Weekday;
  return { local, weekday, minute: local.hour * 60 + local.minute };
};

// Opening hours and holidays change on whole local minutes, and every zone in use today is a whole
// number of minutes from UTC, so the answer for one UTC minute holds for all of it. Remembering it
// saves a time-zone conversion per message, which cost more than the rest of the rules.
const lastAnswer = new WeakMap<Calendar, { minute: number; open: boolean }>();

export const isBusinessHours = (calendar: Calendar, at: Date): boolean => {
  const utcMinute = Math.floor(at.getTime() / 60_000);
  const remembered = lastAnswer.get(calendar);
  if (remembered?.minute === utcMinute) return remembered.open;
  const { local, weekday, minute } = localParts(calendar, at);
  const open =
    !calendar.holidays.has(local.toISODate() ?? '') && calendar.days[weekday].some(([from, to]) => minute >= from && minute < to);
  lastAnswer.set(calendar, { minute: utcMinute, open });
  return open;
};

interface LocalDay {
  holiday: boolean;
  /** Open intervals as epoch milliseconds. */
  open: [number, number][];
  /** Epoch milliseconds of the next local midnight. */
  next: number;
}

// A deadline walks the same few local days for every message; converting them once per calendar
// keeps time-zone arithmetic off the per-message path. Bounded, since a year of days is small.
const dayCache = new WeakMap<Calendar, Map<number, LocalDay>>();
const DAY_CACHE_LIMIT = 1_000;

const localDay = (calendar: Calendar, startMs: number): LocalDay => {
  let days = dayCache.get(calendar);
  if (!days) dayCache.set(calendar, (days = new Map()));
  const known = days.get(startMs);
  if (known) return known;
  const day = DateTime.fromMillis(startMs, { zone: calendar.timezone });
  const weekday = WEEKDAYS[day.weekday - 1] as Weekday;
  const computed: LocalDay = {
    holiday: calendar.holidays.has(day.toISODate() ?? ''),
    open: calendar.days[weekday].map(([from, to]) => [day.plus({ minutes: from }).toMillis(), day.plus({ minutes: to }).toMillis()]),
    next: day.plus({ days: 1 }).toMillis(),
  };
  if (days.size >= DAY_CACHE_LIMIT) days.clear();
  days.set(startMs, computed);
  return computed;
};

/**
 * The moment `durationMs` of business time has passed after `from` — for SLA deadlines
 * such as "2 hours of business hours". Gives up after a year of closed days.
 */
export const addBusinessTime = (calendar: Calendar, from: Date, durationMs: number): Date => {
  let remaining = durationMs;
  let dayStart = DateTime.fromJSDate(from, { zone: calendar.timezone }).startOf('day').toMillis();
  for (let guard = 0; guard < 366; guard += 1) {
    const day = localDay(calendar, dayStart);
    dayStart = day.next;
    if (day.holiday) continue;
    for (const [open, close] of day.open) {
      const begin = Math.max(open, from.getTime());
      if (begin >= close) continue;
      if (begin + remaining <= close) return new Date(begin + remaining);
      remaining -= close - begin;
    }
  }
  return new Date(from.getTime() + durationMs);
};
