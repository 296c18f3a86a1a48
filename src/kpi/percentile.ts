/**
 * The p-th percentile with linear interpolation between closest ranks — the same answer as
 * Postgres' percentile_cont, so figures computed here and in SQL agree.
 */
export const percentile = (values: readonly number[], p: number): number | undefined => {
  if (values.length === 0) return undefined;
  if (p < 0 || p > 1) throw new RangeError(`percentile must be between 0 and 1, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
};
