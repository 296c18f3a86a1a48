import { describe, expect, it } from 'vitest';
import { periodSpecSchema, resolvePeriod } from '../../../src/kpi/period.js';

const parse = (text: string) => periodSpecSchema.parse(text);
const problem = (text: string) => {
  const result = periodSpecSchema.safeParse(text);
  if (result.success) throw new Error(`"${text}" was accepted`);
  return result.error.issues[0]?.message ?? '';
};

describe('periodSpecSchema', () => {
  it('reads today, Nd and date ranges, ignoring case and spaces; empty means 7 days', () => {
    expect(parse('')).toEqual({ kind: 'days', days: 7 });
    expect(parse('today')).toEqual({ kind: 'today' });
    expect(parse(' 7d ')).toEqual({ kind: 'days', days: 7 });
    expect(parse('30D')).toEqual({ kind: 'days', days: 30 });
    expect(parse('2025-03-01..2025-03-31')).toEqual({ kind: 'range', from: '2025-03-01', to: '2025-03-31' });
    expect(parse('2025-03-01 .. 2025-03-01')).toEqual({ kind: 'range', from: '2025-03-01', to: '2025-03-01' });
  });

  it('says what was wrong and what to type instead', () => {
    expect(problem('yesterday')).toBe(
      '"yesterday" is not a period I know. Use today, 7d, 30d or a range of dates like 2025-03-01..2025-03-31.',
    );
    expect(problem('0d')).toBe('"0d" is out of range: ask for 1 to 366 days.');
    expect(problem('400d')).toBe('"400d" is out of range: ask for 1 to 366 days.');
    expect(problem('2025-02-30..2025-03-01')).toMatch(/^2025-02-30 is not a date on the calendar\./u);
    expect(problem('2025-03-10..2025-03-01')).toBe('The range 2025-03-10..2025-03-01 ends before it starts: put the earlier date first.');
    expect(problem('2024-01-01..2025-12-31')).toBe('The range 2024-01-01..2025-12-31 spans 731 days; ask for at most 366.');
    expect(problem('2025-3-1..2025-3-2')).toMatch(/is not a period I know/u);
  });
});

describe('resolvePeriod', () => {
  // 30 March 2025: Athens moves from UTC+2 to UTC+3 at 03:00 local time.
  const zone = 'Europe/Athens';

  it('today runs from local midnight to now', () => {
    const now = new Date('2025-03-30T10:00:00Z');
    expect(resolvePeriod({ kind: 'today' }, now, zone)).toEqual({
      from: new Date('2025-03-29T22:00:00Z'),
      to: now,
      label: 'Today',
      days: ['2025-03-30'],
      boundaries: [new Date('2025-03-29T22:00:00Z'), now],
    });
  });

  it('7d is the last seven local days including today, with a 23-hour day across the DST change', () => {
    const now = new Date('2025-03-31T09:00:00Z');
    const period = resolvePeriod({ kind: 'days', days: 7 }, now, zone);
    expect(period.from).toEqual(new Date('2025-03-24T22:00:00Z'));
    expect(period.to).toEqual(now);
    expect(period.label).toBe('Last 7 days');
    expect(period.days).toEqual(['2025-03-25', '2025-03-26', '2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30', '2025-03-31']);
    expect(period.boundaries.slice(-3)).toEqual([new Date('2025-03-29T22:00:00Z'), new Date('2025-03-30T21:00:00Z'), now]);
  });

  it('a range covers whole local days and never reaches past now', () => {
    const past = resolvePeriod({ kind: 'range', from: '2025-03-01', to: '2025-03-03' }, new Date('2025-06-01T00:00:00Z'), zone);
    expect(past).toMatchObject({
      from: new Date('2025-02-28T22:00:00Z'),
      to: new Date('2025-03-03T22:00:00Z'),
      label: '1 Mar – 3 Mar 2025',
    });
    expect(past.days).toEqual(['2025-03-01', '2025-03-02', '2025-03-03']);

    const now = new Date('2025-03-02T08:00:00Z');
    const current = resolvePeriod({ kind: 'range', from: '2025-03-01', to: '2025-03-09' }, now, zone);
    expect(current.to).toEqual(now);
    expect(current.days).toEqual(['2025-03-01', '2025-03-02']);

    const future = resolvePeriod({ kind: 'range', from: '2025-04-01', to: '2025-04-02' }, now, zone);
    expect(future.days).toEqual([]);
    expect(future.boundaries).toEqual([]);
  });

  it('labels single days and ranges across years', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    expect(resolvePeriod({ kind: 'range', from: '2025-03-01', to: '2025-03-01' }, now, zone).label).toBe('1 Mar 2025');
    expect(resolvePeriod({ kind: 'range', from: '2024-12-30', to: '2025-01-02' }, now, zone).label).toBe('30 Dec 2024 – 2 Jan 2025');
  });
});
