import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { findStaleWork, withSessionLock } from '../store/stale-work.js';
import type { Queues } from './queues.js';

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
    await queues.enqueue(
      'platform',
      actions.map((actionId) => ({ actionId })),
    );
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
