import { percentile } from '../../src/kpi/percentile.js';

export interface Timing {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

/** Runs `work` a few times to warm caches, then `runs` times one after another, timing each. */
export const measure = async (name: string, work: () => Promise<unknown>, runs = 30, warmup = 3): Promise<Timing> => {
  for (let i = 0; i < warmup; i += 1) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const begin = performance.now();
    await work();
    times.push(performance.now() - begin);
  }
  return { name, runs, p50: percentile(times, 0.5) ?? 0, p95: percentile(times, 0.95) ?? 0, max: Math.max(...times) };
};
