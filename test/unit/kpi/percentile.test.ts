import { describe, expect, it } from 'vitest';
import { percentile } from '../../../src/kpi/percentile.js';

describe('percentile (percentile_cont semantics)', () => {
  it('interpolates between the closest ranks', () => {
    // Sorted 1,2,3,4: the median sits halfway between 2 and 3; p90 at rank 0.9 × 3 = 2.7 → 3 + 0.7 × (4 − 3).
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 0.9)).toBeCloseTo(3.7, 10);
    expect(percentile([1200, 10800, 3600], 0.9)).toBeCloseTo(9360, 10);
  });

  it('handles the edges', () => {
    expect(percentile([], 0.5)).toBeUndefined();
    expect(percentile([42], 0.9)).toBe(42);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 1)).toBe(3);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });
});
