import { sql } from 'kysely';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
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
export const reconcileOnce = async (db: Db, queues: Queues, olderThanMs: number): Promise<ReconcileReport | undefined> =>
  db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`.execute(conn);
    if (!rows[0]?.locked) return undefined;
    try {
      const cutoff = new Date(Date.now() - olderThanMs);
      const events = await conn
        .selectFrom('inbound_events')
        .select('id')
        .where('processed_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('received_at', '<', cutoff)
        .orderBy('received_at')
        .limit(BATCH)
        .execute();
      const actions = await conn
        .selectFrom('actions')
        .select('id')
        .where('status', 'in', ['pending', 'in_flight'])
        .where('created_at', '<', cutoff)
        .orderBy('created_at')
        .limit(BATCH)
        .execute();
      const cards = await conn
        .selectFrom('cards')
        .select('id')
        .where('chat_message_id', 'is', null)
        .where('created_at', '<', cutoff)
        .orderBy('created_at')
        .limit(BATCH)
        .execute();
      // An escalation waits for its card (the alert links to it); one whose alert never went out must still ring.
      const escalations = await conn
        .selectFrom('escalations')
        .innerJoin('cards', 'cards.id', 'escalations.card_id')
        .select('escalations.id')
        .where('escalations.alert_message_id', 'is', null)
        .where('escalations.acknowledged_at', 'is', null)
        .where('cards.chat_message_id', 'is not', null)
        .where('escalations.created_at', '<', cutoff)
        .orderBy('escalations.created_at')
        .limit(BATCH)
        .execute();
      await queues.enqueue(
        'ingest',
        events.map((row) => ({ eventId: row.id })),
      );
      await queues.enqueue(
        'platform',
        actions.map((row) => ({ actionId: row.id })),
      );
      await queues.enqueue(
        'chat',
        cards.map((row) => ({ op: 'post' as const, cardId: row.id })),
      );
      await queues.enqueue(
        'chat',
        escalations.map((row) => ({ op: 'escalate' as const, escalationId: row.id })),
      );
      return { events: events.length, actions: actions.length, cards: cards.length, escalations: escalations.length };
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });

export const startReconciler = (db: Db, queues: Queues, options: { intervalMs: number; olderThanMs: number; logger: Logger }) => {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = reconcileOnce(db, queues, options.olderThanMs)
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
