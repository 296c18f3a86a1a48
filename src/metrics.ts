import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { InboundItem } from './domain/source.js';

export type ActionAttentionCounts = Record<'unknown' | 'stuck' | 'failed', number>;

// The reconciler counts these on its passes and the web server reports them on scrape; both live in
// the process that runs `switchboard start`, and neither should learn of the other for one gauge.
let latestActionAttention: ActionAttentionCounts | undefined;

/** The reconciler's latest count of actions that need an operator (unknown, stuck, failed). */
export const recordActionsNeedingAttention = (counts: ActionAttentionCounts): void => {
  latestActionAttention = { ...counts };
};

/** One registry per process (tests create several apps in one process, so never the global one). */
export const createMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
  return {
    registry,
    webhooks: new Counter({
      name: 'switchboard_webhook_requests_total',
      help: 'Inbound webhook requests by source and HTTP status',
      labelNames: ['source', 'status'] as const,
      registers: [registry],
    }),
    events: new Counter({
      name: 'switchboard_events_total',
      help: 'Inbound events by source, platform and outcome (stored, duplicate)',
      labelNames: ['source', 'platform', 'outcome'] as const,
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'switchboard_decisions_total',
      help: 'Engine decisions by kind and rule',
      labelNames: ['kind', 'rule'] as const,
      registers: [registry],
    }),
    actions: new Counter({
      name: 'switchboard_actions_total',
      help: 'Outbound actions by kind, platform and outcome (succeeded, failed, unknown)',
      labelNames: ['kind', 'platform', 'status'] as const,
      registers: [registry],
    }),
    actionsNeedingAttention: new Gauge({
      name: 'switchboard_actions_needing_attention',
      help: 'Actions whose outcome is unknown, stuck in flight past their lease, or failed (as of the last reconciler pass)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        if (latestActionAttention === undefined) return;
        for (const [state, count] of Object.entries(latestActionAttention)) this.set({ state }, count);
      },
    }),
    quotaUnitsUsed: new Gauge({
      name: 'switchboard_quota_units_used',
      help: 'Units a polled source (YouTube) has spent of its daily quota, polling and actions together, as of its last poll',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    acceptLatency: new Histogram({
      name: 'switchboard_webhook_accept_seconds',
      help: 'Time from request to acknowledgement (after the event is stored)',
      labelNames: ['source'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'switchboard_job_seconds',
      help: 'Job processing time by queue',
      labelNames: ['queue'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
  };
};

export type Metrics = ReturnType<typeof createMetrics>;

/** The platform an inbound item belongs to; an ignored one (a reaction, a status) counts under its source. */
const platformOf = (item: InboundItem, source: string): string => {
  if (item.type === 'message' || item.type === 'edit') return item.message.platform;
  if (item.type === 'status') return item.status.platform;
  return item.type === 'remove' ? item.platform : source;
};

/** Counts stored and duplicate events per platform; `stored[i]` answers `items[i]` (undefined id: seen before). */
export const countInboundEvents = (
  metrics: Pick<Metrics, 'events'>,
  source: string,
  items: readonly InboundItem[],
  stored: readonly { id?: string | undefined }[],
): void => {
  items.forEach((item, index) => {
    const outcome = stored[index]?.id === undefined ? 'duplicate' : 'stored';
    metrics.events.inc({ source, platform: platformOf(item, source), outcome });
  });
};
