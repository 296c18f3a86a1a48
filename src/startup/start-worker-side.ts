import { DEFAULT_BURST, startBurstGuard } from '../jobs/burst-guard.js';
import { ingestJobsAtOnce } from '../jobs/ingest-batch.js';
import { QUEUE_NAMES, redisForWorkers } from '../jobs/queues.js';
import { startReconciler } from '../jobs/reconcile.js';
import { startWorkers } from '../jobs/workers.js';
import { type Pollers, startPollers } from '../polling/start-pollers.js';
import type { Assembled } from './assemble.js';
import type { RunOptions } from './run-options.js';
import { schedule } from './schedule.js';
import type { Web } from './start-web.js';
import { processorDeps } from './worker-deps.js';

type Workers = ReturnType<typeof startWorkers>;

/** Ingest jobs run at once gather into batches (`ingest-batch.ts`): enough of them to fill the batches that may run at once. */
const ingestConcurrency = (app: Assembled) =>
  app.config.ingestBatch > 1
    ? Math.max(app.config.workerConcurrency, ingestJobsAtOnce(app.config.ingestBatch))
    : app.config.workerConcurrency;

export interface WorkerSide {
  workerRedis: ReturnType<typeof redisForWorkers>;
  workers: Workers;
  burstGuard: ReturnType<typeof startBurstGuard> | undefined;
  reconciler: ReturnType<typeof startReconciler>;
  pollers: Pollers;
}

/** With web and workers in one process, a webhook burst turns ingest down so acknowledgements come first. */
const guardBursts = (app: Assembled, workers: Workers, web: Web) =>
  startBurstGuard({
    policy: { ...DEFAULT_BURST, full: ingestConcurrency(app) },
    webhooksSeen: web.webhooksSeen,
    setIngestConcurrency: (concurrency) => workers.setConcurrency('ingest', concurrency),
    onChange: (concurrency, sample) =>
      app.logger.info(
        { concurrency, utilization: Number(sample.utilization.toFixed(2)), webhooksPerSecond: Math.round(sample.webhooksPerSecond) },
        concurrency === 1
          ? 'webhook burst: ingest takes one job at a time so acknowledgements come first'
          : 'burst over: ingest back to full concurrency',
      ),
  });

/** The job workers, their timers, the burst guard (beside a web server) and the reconciler. */
export const startWorkerSide = async (app: Assembled, options: RunOptions, web: Web | undefined): Promise<WorkerSide> => {
  const { config, logger } = app;
  const queues = options.queues ?? QUEUE_NAMES;
  // A detector builds its language table (about 30 MB) at its first text: workers build it now, at
  // start, rather than on their first comment (150–300 ms). A web-only process never detects a language.
  app.engine.playbook.detectLanguage('build the language table');
  const workerRedis = redisForWorkers(config.redisUrl);
  workerRedis.on('error', (error) => logger.debug({ err: error }, 'Redis (workers) connection error'));
  const workers = startWorkers(processorDeps(app), {
    connection: workerRedis,
    prefix: config.queuePrefix,
    concurrency: config.workerConcurrency,
    ingestConcurrency: ingestConcurrency(app),
    lockDurationMs: options.lockDurationMs ?? config.jobLockMs,
    queues,
    metrics: app.metrics,
  });
  await schedule(app);
  const burstGuard = web ? guardBursts(app, workers, web) : undefined;
  const reconciler = startReconciler(app.db, app.queues, {
    intervalMs: config.reconcileIntervalMs,
    olderThanMs: config.reconcileAfterMs,
    logger,
    now: app.now,
  });
  const pollers = startPollers({ db: app.db, queue: app.queues, sources: app.sources.pollers, logger, now: app.now, metrics: app.metrics });
  logger.info({ queues, concurrency: config.workerConcurrency }, 'workers started');
  return { workerRedis, workers, burstGuard, reconciler, pollers };
};
