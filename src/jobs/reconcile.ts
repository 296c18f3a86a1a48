import type { Logger } from '../logger.js';
import { recordActionsNeedingAttention } from '../metrics.js';
import { countActionsNeedingAttention } from '../store/actions.js';
import type { Db } from '../store/db.js';
import { findStaleWork, withSessionLock } from '../store/stale-work.js';
import { jobId, type Queues } from './queues.js';

const BATCH = 1_000;
// Any stable number: only one reconciler pass runs at a time across all workers.
const LOCK_KEY = 7_311_001;

export interface ReconcileReport {
  events: number;
  actions: number;
  cards: number;
  escalations: number;
}

/**
 * Queue actions again, the same job id each time. A job that already ended (failed for good, or a
 * settled attempt before a retry) would make the new one a no-op, so it is removed first; a job still
 * waiting or running is left as it is.
 */
export const requeueActions = async (queues: Pick<Queues, 'platform' | 'enqueue'>, actionIds: string[]): Promise<void> => {
  for (const actionId of actionIds) {
    const job = await queues.platform.getJob(jobId.platform({ actionId }));
    const state = job ? await job.getState() : undefined;
    if (job && (state === 'failed' || state === 'completed')) await job.remove();
  }
  await queues.enqueue(
    'platform',
    actionIds.map((actionId) => ({ actionId })),
  );
};

/**
 * Postgres is the truth, Redis only carries work: find what was stored but never finished and
 * enqueue it again. Job ids come from row ids, so anything still queued is not duplicated.
 */
export const reconcileOnce = async (
  db: Db,
  queues: Queues,
  olderThanMs: number,
  now: () => Date = () => new Date(),
): Promise<ReconcileReport | undefined> =>
  withSessionLock(db, LOCK_KEY, async (conn) => {
    const cutoff = new Date(now().getTime() - olderThanMs);
    const events = await findStaleWork(conn, 'events', cutoff, BATCH);
    const actions = await findStaleWork(conn, 'actions', cutoff, BATCH);
    const cards = await findStaleWork(conn, 'cards', cutoff, BATCH);
    const escalations = await findStaleWork(conn, 'escalations', cutoff, BATCH);
    await queues.enqueue(
      'ingest',
      events.map((eventId) => ({ eventId })),
    );
    // An action stuck past its lease goes through the worker's usual path: the platform is asked first.
    await requeueActions(queues, actions);
    recordActionsNeedingAttention(await countActionsNeedingAttention(conn));
    await queues.enqueue(
      'chat',
      cards.map((cardId) => ({ op: 'post' as const, cardId })),
    );
    await queues.enqueue(
      'chat',
      escalations.map((escalationId) => ({ op: 'escalate' as const, escalationId })),
    );
    return { events: events.length, actions: actions.length, cards: cards.length, escalations: escalations.length };
  });

export const startReconciler = (
  db: Db,
  queues: Queues,
  options: { intervalMs: number; olderThanMs: number; logger: Logger; now?: () => Date },
) => {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = reconcileOnce(db, queues, options.olderThanMs, options.now)
      .then((report) => {
        if (report && report.events + report.actions + report.cards + report.escalations > 0) {
          options.logger.info({ reconciled: report }, 're-enqueued stored work that was not in the queue');
        }
      })
      .catch((error: unknown) => options.logger.warn({ err: error }, 'reconciler pass failed; will try again'));
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
