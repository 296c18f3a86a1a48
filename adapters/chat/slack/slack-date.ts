import { DateTime } from 'luxon';

/**
 * Slack's date token: each reader sees it in their own time zone; the fallback (for
 * notifications and old clients) is written in the team's zone.
 */
export const slackDate = (at: Date, format: string, timeZone = 'UTC'): string => {
  const unix = Math.floor(at.getTime() / 1000);
  return `<!date^${unix}^${format}|${fallbackDate(at, timeZone)}>`;
};

export const fallbackDate = (at: Date, timeZone = 'UTC'): string => {
  const zoned = DateTime.fromJSDate(at, { zone: timeZone });
  const shown = zoned.isValid ? zoned : DateTime.fromJSDate(at, { zone: 'UTC' });
  return shown.toFormat('d LLL yyyy HH:mm ZZZZ');
};

/** "45 min", "2 h 5 min", "3 d 4 h": coarse on purpose, it is read at a glance. */
export const formatDuration = (ms: number): string => {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
};
