import { performance } from 'node:perf_hooks';

/**
 * When the web server and the workers share one process (`switchboard start`), a burst of
 * webhooks and the ingest jobs it creates compete for one thread. Acknowledging comes first:
 * a platform that waits too long retries, and Meta disables a webhook that keeps timing out,
 * while the stored events are safe and can be processed a few seconds later. So while the
 * event loop is saturated *and* webhooks arrive faster than `burstRate`, the ingest workers
 * take one job at a time; they return to full concurrency as soon as the burst passes. Button
 * presses (platform and chat queues) are never held back.
 */
export interface BurstPolicy {
  /** Event-loop utilization (0–1) over the last interval at which the process counts as saturated. */
  busyUtilization: number;
  /** Webhooks per second above which acknowledging is what saturates it. */
  burstRate: number;
  /** Ingest concurrency outside bursts. */
  full: number;
}

export const DEFAULT_BURST = { busyUtilization: 0.9, burstRate: 600 } as const;

export interface BurstSample {
  utilization: number;
  webhooksPerSecond: number;
}

/**
 * Pure: the ingest concurrency for what the last interval looked like. Once held back, ingest
 * stays so until the burst has clearly passed (half the rate, or a loop with room), so a rate
 * hovering at the threshold does not flip it four times a second.
 */
export const ingestConcurrencyFor = (policy: BurstPolicy, sample: BurstSample, current: number = policy.full): number => {
  const heldBack = current < policy.full;
  const busy = sample.utilization >= (heldBack ? policy.busyUtilization - 0.1 : policy.busyUtilization);
  const burst = sample.webhooksPerSecond >= (heldBack ? policy.burstRate / 2 : policy.burstRate);
  return busy && burst ? 1 : policy.full;
};

export interface BurstGuardOptions {
  policy: BurstPolicy;
  /** Webhook requests answered so far (a running count). */
  webhooksSeen: () => number;
  setIngestConcurrency: (concurrency: number) => void;
  onChange?: (concurrency: number, sample: BurstSample) => void;
  intervalMs?: number;
}

export const startBurstGuard = (options: BurstGuardOptions) => {
  const intervalMs = options.intervalMs ?? 250;
  let lastLoop = performance.eventLoopUtilization();
  let lastSeen = options.webhooksSeen();
  let current = options.policy.full;
  const tick = () => {
    const loop = performance.eventLoopUtilization();
    const seen = options.webhooksSeen();
    const sample = {
      utilization: performance.eventLoopUtilization(loop, lastLoop).utilization,
      webhooksPerSecond: ((seen - lastSeen) * 1000) / intervalMs,
    };
    lastLoop = loop;
    lastSeen = seen;
    const next = ingestConcurrencyFor(options.policy, sample, current);
    if (next === current) return;
    current = next;
    options.setIngestConcurrency(next);
    options.onChange?.(next, sample);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};
