import { DateTime } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Open intervals per weekday in minutes after local midnight, [from, to). */
export interface Calendar {
  timezone: string;
  days: Record<Weekday, [number, number][]>;
  /** Local dates (yyyy-mm-dd) when the team is off all day. */
  holidays: ReadonlySet<string>;
}

export const HOURS_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/u;

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

export const isBusinessHours = (calendar: Calendar, at: Date): boolean => {
  const { local, weekday, minute } = localParts(calendar, at);
  if (calendar.holidays.has(local.toISODate() ?? '')) return false;
  return calendar.days[weekday].some(([from, to]) => minute >= from && minute < to);
};

/**
 * The moment `durationMs` of business time has passed after `from` — for SLA deadlines
 * such as "2 hours of business hours". Gives up after a year of closed days.
 */
export const addBusinessTime = (calendar: Calendar, from: Date, durationMs: number): Date => {
  let remaining = durationMs;
  let day = DateTime.fromJSDate(from, { zone: calendar.timezone }).startOf('day');
  for (let guard = 0; guard < 366; guard += 1, day = day.plus({ days: 1 })) {
    if (calendar.holidays.has(day.toISODate() ?? '')) continue;
    const weekday = WEEKDAYS[day.weekday - 1] as Weekday;
    for (const [openMinute, closeMinute] of calendar.days[weekday]) {
      const open = day.plus({ minutes: openMinute }).toMillis();
      const close = day.plus({ minutes: closeMinute }).toMillis();
      const begin = Math.max(open, from.getTime());
      if (begin >= close) continue;
      if (begin + remaining <= close) return new Date(begin + remaining);
      remaining -= close - begin;
    }
  }
  return new Date(from.getTime() + durationMs);
};
