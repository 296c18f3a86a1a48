import { describe, expect, it } from 'vitest';
import { dailyTrends, MAX_TREND_WIDTH } from '../../../src/kpi/trend.js';

const days = (count: number) => Array.from({ length: count }, (_, i) => `day-${i}`);

describe('dailyTrends', () => {
  it('needs at least two days to draw anything', () => {
    expect(dailyTrends(days(1), { volume: [5], medianFirstResponseMs: [60_000] })).toEqual([]);
  });

  it('draws volume and median first response with their range', () => {
    const trends = dailyTrends(days(3), { volume: [2, 0, 4], medianFirstResponseMs: [60_000, null, 120_000] });
    expect(trends).toEqual([
      { label: 'Messages', sparkline: '▅▁█', caption: '0–4 a day' },
      { label: 'First response (median)', sparkline: '▁·█', caption: '1m–2m (· = no replies)' },
    ]);
  });

  it('averages neighbouring days so 90 days still fit a phone', () => {
    const volume = Array.from({ length: 90 }, (_, i) => i);
    const [messages, medians] = dailyTrends(days(90), { volume, medianFirstResponseMs: volume.map(() => null) });
    expect(messages?.sparkline.length).toBeLessThanOrEqual(MAX_TREND_WIDTH);
    expect(messages?.caption).toBe('0–89 a day, bars averaged over 3 days');
    expect(medians?.caption).toBe('no replies in this period');
  });
});
