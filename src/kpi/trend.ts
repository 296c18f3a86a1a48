import type { ReportTrend } from '../domain/report.js';
import type { DailySeries } from './daily-series.js';
import { formatCount, formatDuration } from './format.js';
import { downsample, GAP, sparkline } from './sparkline.js';

/** About a month of bars still fits a phone held upright. */
export const MAX_TREND_WIDTH = 31;

const span = (values: (number | null)[], format: (value: number) => string): string | undefined => {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return undefined;
  const low = format(Math.min(...present));
  const high = format(Math.max(...present));
  return low === high ? low : `${low}–${high}`;
};

/** Daily inbound volume and median first response over the period, drawn as sparklines. */
export const dailyTrends = (days: readonly string[], daily: DailySeries): ReportTrend[] => {
  if (days.length < 2) return [];
  const { volume, medianFirstResponseMs: medians } = daily;
  const daysPerBar = Math.ceil(days.length / MAX_TREND_WIDTH);
  const averaged = daysPerBar === 1 ? '' : `, bars averaged over ${daysPerBar} days`;
  const medianSpan = span(medians, formatDuration);
  const gaps = medians.includes(null) ? ` (${GAP} = no replies)` : '';
  return [
    {
      label: 'Messages',
      sparkline: sparkline(downsample(volume, MAX_TREND_WIDTH)),
      caption: `${span(volume, formatCount) ?? '0'} a day${averaged}`,
    },
    {
      label: 'First response (median)',
      sparkline: sparkline(downsample(medians, MAX_TREND_WIDTH)),
      caption: medianSpan ? `${medianSpan}${gaps}${averaged}` : 'no replies in this period',
    },
  ];
};
