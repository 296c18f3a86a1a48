import type { Logger } from '../logger.js';
import { MAX_EVENTS_PER_INGEST_JOB, type Queues } from './queues.js';

/**
 * Collect the events concurrent webhooks stored and queue them once per tick, as jobs of up to
 * `MAX_EVENTS_PER_INGEST_JOB` events each: one Redis round trip, and one job for the worker to
 * take, lock and complete, for many events. A failure loses nothing — the events are stored, and
 * the reconciler re-enqueues what never reached the queue.
 */
export const createBatchedIngestEnqueue = (queues: Queues, logger: Logger, eventsPerJob = MAX_EVENTS_PER_INGEST_JOB) => {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const jobs: { eventIds: string[] }[] = [];
    for (let start = 0; start < pending.length; start += eventsPerJob) jobs.push({ eventIds: pending.slice(start, start + eventsPerJob) });
    const count = pending.length;
    pending = [];
    if (jobs.length > 0) {
      queues.enqueue('ingest', jobs).catch((error: unknown) => {
        logger.warn({ err: error, count }, 'could not enqueue stored events; the reconciler will pick them up');
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
