/** Nearest-rank percentile over latencies in ms; Infinity stands for a request that never finished. */
export const percentile = (values: readonly number[], p: number): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
};

export const formatMs = (ms: number | undefined): string => {
  if (ms === undefined) return '—';
  if (!Number.isFinite(ms)) return 'timeout';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
};

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

export const formatMb = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${Math.round(bytes / 1024 / 1024)} MB`);

export const pad = (text: string, width: number, align: 'left' | 'right' = 'right'): string =>
  align === 'left' ? text.padEnd(width) : text.padStart(width);
