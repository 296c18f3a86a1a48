import type { PipelineOutcome } from '../pipeline/pipeline-types.js';
import type { BatchResult } from '../pipeline/process-batch.js';

export interface IngestBatchOptions {
  /** Most events in one batch (one transaction). */
  maxBatch: number;
  /** How long the first event of a batch waits for others to join it. */
  gatherMs: number;
  /** Batches whose transactions run at once in one process (default: `DEFAULT_INGEST_BATCH`'s). */
  maxInFlight?: number;
}

/** The defaults: a batch closes at 100 events, or 5 ms after its first when a transaction slot is free; two transactions at once. */
export const DEFAULT_INGEST_BATCH: IngestBatchOptions = { maxBatch: 100, gatherMs: 5, maxInFlight: 2 };

/** Ingest jobs a worker takes at once: enough to fill every batch that may run at once even from one-event jobs (the reconciler's, a poller's), so the next gathers while one commits. */
export const ingestJobsAtOnce = (maxBatch: number, options: Pick<IngestBatchOptions, 'maxInFlight'> = DEFAULT_INGEST_BATCH): number =>
  maxBatch * Math.max(1, options.maxInFlight ?? 1);

interface Waiter {
  resolve: (outcome: PipelineOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the ingest jobs a worker runs at the same moment into one batch: each job submits its
 * event and gets that event's own outcome (or error) back, so BullMQ's retries, stalls and the
 * reconciler work per event exactly as before. The batch is processed by `process` (its
 * transaction); once that has committed, `followUp` acts on all of its outcomes at once (queues,
 * card posts) and only then are its jobs answered. While batches run, the next ones gather.
 */
export const createIngestBatcher = (
  process: (eventIds: string[]) => Promise<Map<string, BatchResult>>,
  options: IngestBatchOptions = DEFAULT_INGEST_BATCH,
  followUp: (outcomes: PipelineOutcome[]) => Promise<void> = async () => {},
) => {
  const pending = new Map<string, Waiter[]>();
  let timer: NodeJS.Timeout | undefined;
  // Batches sharing posts wait on each other's post locks in Postgres (taken sorted: no deadlock),
  // each holding a pooled connection meanwhile, so only a few run at once.
  const maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULT_INGEST_BATCH.maxInFlight ?? 1);
  let running = 0;

  const answer = (waiters: Waiter[], result: BatchResult | undefined) => {
    for (const waiter of waiters) {
      if (result && 'outcome' in result) waiter.resolve(result.outcome);
      else waiter.reject(result?.error ?? new Error('the batch returned no result for this event'));
    }
  };

  const run = async (batch: Map<string, Waiter[]>) => {
    let results: Map<string, BatchResult>;
    try {
      results = await process([...batch.keys()]);
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      return;
    } finally {
      // The transaction is over: its slot goes to the events that gathered meanwhile, at once.
      running -= 1;
      if (pending.size > 0) startBatch();
    }
    try {
      await followUp([...results.values()].flatMap((result) => ('outcome' in result ? [result.outcome] : [])));
      for (const [eventId, waiters] of batch) answer(waiters, results.get(eventId));
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  };

  /** Cuts a batch of the oldest waiting events (up to `maxBatch`) into a free slot. */
  const startBatch = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = new Map<string, Waiter[]>();
    for (const [eventId, waiters] of pending) {
      if (batch.size >= options.maxBatch) break;
      batch.set(eventId, waiters);
    }
    for (const eventId of batch.keys()) pending.delete(eventId);
    running += 1;
    void run(batch);
    // More than a batch was waiting: it may go now too, if a slot is free.
    if (pending.size >= options.maxBatch && running < maxInFlight) startBatch();
  };

  /**
   * A batch is cut only when a slot is free, so while every slot is busy the waiting events grow into
   * whole batches instead of queueing as many small ones (each a transaction of its own). With a slot
   * free, a whole batch goes at once, and fewer events after `gatherMs`, for others to join them.
   */
  const schedule = () => {
    if (running >= maxInFlight || pending.size === 0) return;
    if (pending.size >= options.maxBatch) startBatch();
    else
      timer ??= setTimeout(() => {
        timer = undefined;
        if (running < maxInFlight && pending.size > 0) startBatch();
      }, options.gatherMs);
  };

  return {
    /** Processes the event in the next batch; resolves with its outcome once that batch has committed and been followed up. */
    submit: (eventId: string): Promise<PipelineOutcome> =>
      new Promise((resolve, reject) => {
        pending.set(eventId, [...(pending.get(eventId) ?? []), { resolve, reject }]);
        schedule();
      }),
  };
};
