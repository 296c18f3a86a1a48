const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
/** A day with nothing to measure (no replies, so no median) is a gap, not a zero. */
export const GAP = '·';

/** Values drawn as ▁…█ between their own minimum and maximum; a flat series sits mid-height, or low at zero. */
export const sparkline = (values: readonly (number | null)[]): string => {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (present.length === 0) return values.map(() => GAP).join('');
  const min = Math.min(...present);
  const max = Math.max(...present);
  return values
    .map((value) => {
      if (value === null || !Number.isFinite(value)) return GAP;
      if (max === min) return max === 0 ? BARS[0] : BARS[3];
      return BARS[Math.round(((value - min) / (max - min)) * (BARS.length - 1))];
    })
    .join('');
};

/** Averages neighbouring values so a long range still fits a phone's width. */
export const downsample = (values: readonly (number | null)[], maxWidth: number): (number | null)[] => {
  if (values.length <= maxWidth) return [...values];
  const size = Math.ceil(values.length / maxWidth);
  const buckets: (number | null)[] = [];
  for (let start = 0; start < values.length; start += size) {
    const present = values.slice(start, start + size).filter((value): value is number => value !== null);
    buckets.push(present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length);
  }
  return buckets;
};
