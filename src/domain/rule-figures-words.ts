import type { RuleFigures } from './card.js';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "12 Nov": the day of an autonomy level's change, in UTC (cards and reports say it the same way). */
export const levelDay = (at: Date): string => DAY.format(at);

const count = (n: number, what: string): string => `${n} ${what}`;

/** What an automatic rule did: replies sent and comments hidden, each named only when there were some (replies otherwise). */
const automaticParts = (figures: Extract<RuleFigures, { level: 'auto' }>): string[] => {
  const done = [
    ...(figures.sent > 0 || figures.hidden === 0 ? [count(figures.sent, 'sent')] : []),
    ...(figures.hidden > 0 ? [count(figures.hidden, 'hidden')] : []),
  ];
  return [...done, count(figures.undone, 'undone')];
};

/** "auto since 12 Nov: 212 sent, 2 undone" / "veto since 12 Nov: 40 held, 38 sent, 2 stopped" (the day in UTC). */
export const ruleFiguresWords = (figures: RuleFigures): string => {
  const since = figures.since ? ` since ${levelDay(figures.since)}` : '';
  const parts =
    figures.level === 'veto'
      ? [count(figures.held, 'held'), count(figures.sent, 'sent'), count(figures.stopped, 'stopped')]
      : automaticParts(figures);
  return `rule ${figures.rule} · ${figures.level}${since}: ${parts.join(', ')}`;
};
