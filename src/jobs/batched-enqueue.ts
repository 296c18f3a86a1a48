import type { Logger } from '../logger.js';
import type { Queues } from './queues.js';

/**
 * Collect ingest job ids from concurrent webhooks and add them with one `addBulk` per tick:
 * one Redis round trip for many requests. A failure loses nothing — the events are stored, and
 * the reconciler re-enqueues what never reached the queue.
 */
export const createBatchedIngestEnqueue = (queues: Queues, logger: Logger, maxBatch = 500) => {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    while (pending.length > 0) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(maxBatch);
      queues
        .enqueue(
          'ingest',
          batch.map((eventId) => ({ eventId })),
        )
        .catch((error: unknown) => {
          logger.warn({ err: error, count: batch.length }, 'could not enqueue stored events; the reconciler will pick them up');
        });
    }
  };
  return (eventIds: string[]) => {
    if (eventIds.length === 0) return;
    pending.push(...eventIds);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
};
