import { DURATION_PATTERN, parseDuration } from '../domain/playbook-vocabulary.js';

export { DURATION_PATTERN, parseDuration };

/** 86_400_000 → "24h": the playbook's own way of writing a window, for explanations. */
export const formatDuration = (ms: number): string => {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
};

/**
 * How many of `times` (newest first, as the context carries them) fall within `windowMs`
 * before `now`. Stops at the first one outside, so long histories cost nothing.
 */
export const countWithin = (times: readonly Date[], now: Date, windowMs: number): number => {
  const since = now.getTime() - windowMs;
  let count = 0;
  for (const time of times) {
    const at = time.getTime();
    if (at <= since) break;
    if (at <= now.getTime()) count += 1;
  }
  return count;
};
