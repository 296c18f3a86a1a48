import { DateTime } from 'luxon';
import { z } from 'zod';

export type PeriodSpec = { kind: 'today' } | { kind: 'days'; days: number } | { kind: 'range'; from: string; to: string };

/** A resolved period: [from, to) and the local calendar days it covers. */
export interface Period {
  from: Date;
  to: Date;
  label: string;
  /** Local dates (yyyy-mm-dd), oldest first, for the daily trend. */
  days: string[];
  /** Where each day starts, then `to`: days.length + 1 instants (local midnights survive DST this way). */
  boundaries: Date[];
}

export const MAX_DAYS = 366;
export const PERIOD_HELP = 'Use today, 7d, 30d or a range of dates like 2025-03-01..2025-03-31.';

const DAYS = /^(\d{1,4})d$/u;
const RANGE = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/u;

const isDate = (text: string): boolean => DateTime.fromISO(text, { zone: 'utc' }).isValid;

/** `today | Nd | YYYY-MM-DD..YYYY-MM-DD`; an empty argument means the last 7 days. */
export const periodSpecSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((text, ctx): PeriodSpec => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (text === '') return { kind: 'days', days: 7 };
    if (text === 'today') return { kind: 'today' };
    const days = DAYS.exec(text);
    if (days) {
      const count = Number(days[1]);
      if (count < 1 || count > MAX_DAYS) return fail(`"${text}" is out of range: ask for 1 to ${MAX_DAYS} days.`);
      return { kind: 'days', days: count };
    }
    const range = RANGE.exec(text);
    if (range) {
      const [, from = '', to = ''] = range;
      const bad = [from, to].find((date) => !isDate(date));
      if (bad) return fail(`${bad} is not a date on the calendar. ${PERIOD_HELP}`);
      if (from > to) return fail(`The range ${from}..${to} ends before it starts: put the earlier date first.`);
      const span = DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days + 1;
      if (span > MAX_DAYS) return fail(`The range ${from}..${to} spans ${span} days; ask for at most ${MAX_DAYS}.`);
      return { kind: 'range', from, to };
    }
    return fail(`"${text}" is not a period I know. ${PERIOD_HELP}`);
  });

const localDays = (from: DateTime, to: DateTime): Pick<Period, 'days' | 'boundaries'> => {
  const days: string[] = [];
  const boundaries: Date[] = [];
  if (to <= from) return { days, boundaries };
  const last = to.minus({ milliseconds: 1 }).startOf('day');
  for (let day = from.startOf('day'); day <= last; day = day.plus({ days: 1 })) {
    days.push(day.toISODate() ?? '');
    boundaries.push(DateTime.max(day, from).toJSDate());
  }
  boundaries.push(to.toJSDate());
  return { days, boundaries };
};

const rangeLabel = (from: DateTime, to: DateTime): string =>
  from.year === to.year
    ? `${from.toFormat('d LLL')} – ${to.toFormat('d LLL yyyy')}`
    : `${from.toFormat('d LLL yyyy')} – ${to.toFormat('d LLL yyyy')}`;

/** Turns a spec into instants in `timeZone`; periods never reach past `now`. */
export const resolvePeriod = (spec: PeriodSpec, now: Date, timeZone: string): Period => {
  const current = DateTime.fromJSDate(now, { zone: timeZone });
  const today = current.startOf('day');
  let from: DateTime;
  let to: DateTime;
  let label: string;
  if (spec.kind === 'today') {
    [from, to, label] = [today, current, 'Today'];
  } else if (spec.kind === 'days') {
    [from, to, label] = [today.minus({ days: spec.days - 1 }), current, spec.days === 1 ? 'Today' : `Last ${spec.days} days`];
  } else {
    const first = DateTime.fromISO(spec.from, { zone: timeZone });
    const last = DateTime.fromISO(spec.to, { zone: timeZone });
    from = first;
    to = DateTime.min(last.plus({ days: 1 }), DateTime.max(first, current));
    label = spec.from === spec.to ? first.toFormat('d LLL yyyy') : rangeLabel(first, last);
  }
  return { from: from.toJSDate(), to: to.toJSDate(), label, ...localDays(from, to) };
};
