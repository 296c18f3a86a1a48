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
