import { Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { NotYetError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import {
  chatProcessor,
  ingestProcessor,
  platformProcessor,
  recordExhaustedJob,
  timersProcessor,
  type ProcessorDeps,
} from './processors.js';
import type { QueueName } from './queues.js';

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** Ingest jobs taken at once (more than the others: the jobs taken together form one batch). */
  ingestConcurrency?: number;
  /** How long a job's lock lasts; a worker that dies is noticed after about this long. */
  lockDurationMs: number;
  queues: readonly QueueName[];
  metrics: Metrics;
}

export const startWorkers = (deps: ProcessorDeps, options: WorkerOptions) => {
  const processors: Record<QueueName, Processor> = {
    ingest: ingestProcessor(deps),
    platform: platformProcessor(deps),
    chat: chatProcessor(deps),
    timers: timersProcessor(deps),
  };
  const workers = options.queues.map((name) => {
    const processor = processors[name];
    const worker = new Worker(
      name,
      async (job, token) => {
        const stop = options.metrics.jobDuration.startTimer({ queue: name });
        try {
          return await processor(job, token);
        } finally {
          stop();
        }
      },
      {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: name === 'ingest' ? (options.ingestConcurrency ?? options.concurrency) : options.concurrency,
        lockDuration: options.lockDurationMs,
        stalledInterval: Math.max(500, Math.floor(options.lockDurationMs / 2)),
        maxStalledCount: 5,
      },
    );
    worker.on('failed', (job, error) => {
      if (!job) return;
      const exhausted = job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError';
      // Waiting on other work is expected and retried; it is worth a warning only once it gives up.
      const level = error instanceof NotYetError && !exhausted ? 'debug' : 'warn';
      deps.logger[level](
        { queue: name, jobId: job.id, attempts: job.attemptsMade, err: error, exhausted },
        exhausted ? 'job failed for good' : 'job failed; will retry',
      );
      if (exhausted) {
        recordExhaustedJob(deps.db, name, job.data, error.message).catch((recordError: unknown) =>
          deps.logger.error({ err: recordError }, 'could not record an exhausted job'),
        );
      }
    });
    worker.on('error', (error) => deps.logger.warn({ queue: name, err: error }, 'worker connection error; retrying'));
    return worker;
  });
  return {
    workers,
    /** Jobs each worker of `queue` takes at once from now on (jobs in flight finish as they are). */
    setConcurrency: (queue: QueueName, concurrency: number) => {
      const index = options.queues.indexOf(queue);
      if (index >= 0) workers[index]!.concurrency = concurrency;
    },
    /** Stop taking jobs and wait for the ones in flight. */
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
};
