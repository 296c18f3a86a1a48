import { describe, expect, it } from 'vitest';
import { downsample, GAP, sparkline } from '../../../src/kpi/sparkline.js';

describe('sparkline', () => {
  it('spreads values between their minimum and maximum over eight bars', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([0, 7])).toBe('▁█');
    // 0,1,3,4 of 0..4: 1 → 1.75 → bar 2, 3 → 5.25 → bar 5.
    expect(sparkline([0, 1, 3, 4])).toBe('▁▃▆█');
  });

  it('draws a flat series mid-height, zeros low, and missing days as gaps', () => {
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([0, 0])).toBe('▁▁');
    expect(sparkline([null, 2, null, 4])).toBe(`${GAP}▁${GAP}█`);
    expect(sparkline([null, null])).toBe(`${GAP}${GAP}`);
    expect(sparkline([])).toBe('');
  });
});

describe('downsample', () => {
  it('keeps short series and averages neighbours of long ones, skipping gaps', () => {
    expect(downsample([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(downsample([1, 2, 3, 4, 5], 2)).toEqual([2, 4.5]);
    expect(downsample([null, 4, null, null, 1, 3], 3)).toEqual([4, null, 2]);
    expect(
      downsample(
        Array.from({ length: 90 }, (_, i) => i),
        31,
      ),
    ).toHaveLength(30);
  });
});
