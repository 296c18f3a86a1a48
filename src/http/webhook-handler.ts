import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../logger.js';
import { countInboundEvents, type Metrics } from '../metrics.js';
import type { EventWriter } from '../store/event-writer.js';
import { errorMessage } from '../errors.js';
import type { ParseResult, WebhookSource } from '../domain/webhook-source.js';
import { decodeWebhookBody } from './decode-body.js';

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

/** A mapper that throws on an odd body is a bug to fix, but the platform hears a 400 naming it, not a 500 it retries forever. */
const parseItems = (source: WebhookSource, json: unknown, logger: Logger): ParseResult => {
  try {
    return source.parse(json);
  } catch (error) {
    logger.warn({ err: error, source: source.name }, 'a webhook body could not be mapped; answered 400');
    return { ok: false, error: `the body could not be mapped to events: ${errorMessage(error)}` };
  }
};

/** Verify → decode → parse → store (committed) → answer → enqueue. Nothing here decides anything. */
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
  const decoded = decodeWebhookBody(raw);
  if (!decoded.ok) return done(400, { error: decoded.error });
  const parsed = parseItems(source, decoded.json, deps.logger);
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
  countInboundEvents(deps.metrics, source.name, parsed.items, stored);
  deps.metrics.acceptLatency.observe({ source: source.name }, (performance.now() - started) / 1000);
  try {
    deps.enqueueIngest(fresh.filter((event) => !event.recordOnly).map((event) => event.id!));
  } catch (error) {
    // The events are committed: the answer stays 200 and the reconciler queues them later.
    deps.logger.error({ err: error, source: source.name }, 'could not queue stored webhook events; the reconciler will');
  }
  return done(200, { received: stored.length, duplicates: stored.length - fresh.length });
};
