import { describe, expect, it } from 'vitest';
import { countOf, formatDuration, formatMoney, formatRatio, formatShare } from '../../../src/kpi/format.js';

describe('formatDuration', () => {
  it('is short, and exact to the second under ten minutes', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(30_000)).toBe('30s');
    expect(formatDuration(60_000)).toBe('1m');
    expect(formatDuration(84_000)).toBe('1m 24s');
    expect(formatDuration(1_200_000)).toBe('20m');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(9_360_000)).toBe('2h 36m');
    expect(formatDuration(6_000_000)).toBe('1h 40m');
    expect(formatDuration((11 * 24 + 2) * 3_600_000)).toBe('11d 2h');
    expect(formatDuration(3 * 24 * 3_600_000)).toBe('3d');
  });
});

describe('shares and counts', () => {
  it('shows one decimal only when it has one, and a dash for nothing to divide by', () => {
    expect(formatShare(2, 3)).toBe('66.7%');
    expect(formatShare(1, 2)).toBe('50%');
    expect(formatShare(0, 0)).toBe('—');
    expect(formatShare(12.44, 1)).toBe('1,244%');
    expect(formatRatio(4, 6)).toBe('66.7% (4 of 6)');
    expect(formatRatio(0, 0)).toBe('— (none yet)');
  });

  it('names kinds in the singular and plural', () => {
    expect(countOf(1, 'dm')).toBe('1 DM');
    expect(countOf(2, 'reply')).toBe('2 replies');
    expect(countOf(1200, 'comment')).toBe('1,200 comments');
    expect(formatMoney(1250, 'EUR')).toBe('€1,250');
  });
});
