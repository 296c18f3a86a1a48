import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { EventWriter } from '../store/event-writer.js';
import { errorMessage } from '../errors.js';
import type { WebhookSource } from '../domain/webhook-source.js';

export interface WebhookDeps {
  writer: EventWriter;
  /** Queues stored events for ingest; failures are the reconciler's to repair. */
  enqueueIngest: (eventIds: string[]) => void;
  metrics: Metrics;
  logger: Logger;
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Verify → parse → store (committed) → answer → enqueue. Nothing here decides anything. */
export const handleWebhook = async (
  source: WebhookSource,
  deps: WebhookDeps,
  raw: Buffer,
  headers: IncomingHttpHeaders,
): Promise<WebhookAnswer> => {
  const started = performance.now();
  const done = (status: number, body: Record<string, unknown>): WebhookAnswer => {
    deps.metrics.webhooks.inc({ source: source.name, status: String(status) });
    return { status, body };
  };
  if (!source.verify(raw, headers)) {
    return done(401, { error: 'signature verification failed: check that the app secret matches the one configured for this webhook' });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return done(400, { error: `malformed JSON: ${errorMessage(error)}` });
  }
  const parsed = source.parse(json);
  if (!parsed.ok) return done(400, { error: parsed.error });

  let stored: Awaited<ReturnType<typeof deps.writer.write>>;
  try {
    stored = await deps.writer.write(
      parsed.items.map((item) => ({ source: source.name, dedupeKey: item.dedupeKey, payload: item, recordOnly: item.type === 'ignored' })),
    );
  } catch (error) {
    deps.logger.error({ err: error, source: source.name }, 'could not store webhook events; answering 503 so the platform retries');
    return done(503, { error: 'the event could not be stored right now; retry later' });
  }
  const fresh = stored.filter((event) => event.id !== undefined);
  deps.metrics.events.inc({ source: source.name, outcome: 'stored' }, fresh.length);
  deps.metrics.events.inc({ source: source.name, outcome: 'duplicate' }, stored.length - fresh.length);
  deps.metrics.acceptLatency.observe({ source: source.name }, (performance.now() - started) / 1000);
  deps.enqueueIngest(fresh.filter((event) => !event.recordOnly).map((event) => event.id!));
  return done(200, { received: stored.length, duplicates: stored.length - fresh.length });
};
