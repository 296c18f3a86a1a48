import type { PipelineOutcome } from '../pipeline/pipeline-types.js';
import type { BatchResult } from '../pipeline/process-batch.js';

export interface IngestBatchOptions {
  /** Most events in one batch (one transaction). */
  maxBatch: number;
  /** How long the first event of a batch waits for others to join it. */
  gatherMs: number;
}

/** The defaults: a batch closes after 100 events or 5 ms, whichever comes first. */
export const DEFAULT_INGEST_BATCH: IngestBatchOptions = { maxBatch: 100, gatherMs: 5 };

interface Waiter {
  resolve: (outcome: PipelineOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the ingest jobs a worker runs at the same moment into one batch: each job submits its
 * event and gets that event's own outcome (or error) back, so BullMQ's retries, stalls and the
 * reconciler work per event exactly as before. The batch is processed by `processBatch`; while
 * one batch runs, the next one gathers (up to `maxBatch`, then another behind it).
 */
export const createIngestBatcher = (
  process: (eventIds: string[]) => Promise<Map<string, BatchResult>>,
  options: IngestBatchOptions = DEFAULT_INGEST_BATCH,
) => {
  let pending = new Map<string, Waiter[]>();
  let timer: NodeJS.Timeout | undefined;
  let inOrder: Promise<void> = Promise.resolve();

  const answer = (waiters: Waiter[], result: BatchResult | undefined) => {
    for (const waiter of waiters) {
      if (result && 'outcome' in result) waiter.resolve(result.outcome);
      else waiter.reject(result?.error ?? new Error('the batch returned no result for this event'));
    }
  };

  const run = async (batch: Map<string, Waiter[]>) => {
    try {
      const results = await process([...batch.keys()]);
      for (const [eventId, waiters] of batch) answer(waiters, results.get(eventId));
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  };

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    // One batch at a time per process: batches share posts, whose locks would make them queue
    // in Postgres anyway, each holding a pooled connection; in order, they never wait on each other.
    if (batch.size > 0) inOrder = inOrder.then(() => run(batch));
  };

  return {
    /** Processes the event in the next batch; resolves with its outcome once that batch has committed. */
    submit: (eventId: string): Promise<PipelineOutcome> =>
      new Promise((resolve, reject) => {
        pending.set(eventId, [...(pending.get(eventId) ?? []), { resolve, reject }]);
        if (pending.size >= options.maxBatch) flush();
        else timer ??= setTimeout(flush, options.gatherMs);
      }),
  };
};
