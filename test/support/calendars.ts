import type { Calendar } from '../../src/engine/business-hours.js';

/** Monday to Friday, `from`–`to` local hours, closed at weekends and on `holidays` (yyyy-mm-dd). */
export const weekdayCalendar = (timezone: string, [from, to]: [number, number], holidays: string[] = []): Calendar => {
  const open: [number, number][] = [[from * 60, to * 60]];
  return {
    timezone,
    days: { mon: open, tue: open, wed: open, thu: open, fri: open, sat: [], sun: [] },
    holidays: new Set(holidays),
  };
};
