import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
      help: 'Inbound events by source and outcome (stored, duplicate)',
      labelNames: ['source', 'outcome'] as const,
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
      help: 'Outbound actions by kind and final status',
      labelNames: ['kind', 'status'] as const,
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
