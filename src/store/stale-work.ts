import { sql, type AliasedSelectQueryBuilder } from 'kysely';
import type { Db } from './db.js';

/** Stored work that should have finished by now: events, actions, card posts and escalation alerts. */
export type StaleWorkKind = 'events' | 'actions' | 'cards' | 'escalations';

type Unfinished = AliasedSelectQueryBuilder<{ id: string; since: Date }, 'unfinished'>;

/** Each kind's unfinished rows, with the time they have been waiting since. */
const UNFINISHED: Record<StaleWorkKind, (db: Db) => Unfinished> = {
  events: (db) =>
    db
      .selectFrom('inbound_events')
      .select(['id', 'received_at as since'])
      .where('processed_at', 'is', null)
      .where('failed_at', 'is', null)
      .as('unfinished'),
  // An attempt in flight is stale only once its lease has run out (its worker died or hung); pending ones by age.
  actions: (db) =>
    db
      .selectFrom('actions')
      .select(['id', 'created_at as since'])
      .where('status', 'in', ['pending', 'in_flight'])
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
      .as('unfinished'),
  // A card shown in several chats is stale while any of them has not got it; its post job covers every chat.
  // A placement folded into a storm card is not waiting to be posted (until Unfold).
  cards: (db) =>
    db
      .selectFrom('card_placements')
      .select(['card_id as id', sql<Date>`min(created_at)`.as('since')])
      .where('chat_message_id', 'is', null)
      .where((eb) => eb.or([eb('folded_into', 'is', null), eb('unfolded_at', 'is not', null)]))
      .groupBy('card_id')
      .as('unfinished'),
  // An escalation waits for its card in its chat (the alert links to it); one whose alert never went out must still ring.
  escalations: (db) =>
    db
      .selectFrom('escalations')
      .innerJoin('card_placements as p', (join) =>
        join.onRef('p.card_id', '=', 'escalations.card_id').onRef('p.chat', '=', 'escalations.chat'),
      )
      .select(['escalations.id', 'escalations.created_at as since'])
      .where('escalations.alert_message_id', 'is', null)
      .where('escalations.acknowledged_at', 'is', null)
      .where('p.chat_message_id', 'is not', null)
      .as('unfinished'),
};

/** The ids of the oldest unfinished rows of a kind that have waited since before `cutoff`, oldest first. */
export const findStaleWork = async (db: Db, kind: StaleWorkKind, cutoff: Date, limit: number): Promise<string[]> => {
  const rows = await db
    .selectFrom(UNFINISHED[kind](db))
    .select('unfinished.id')
    .where('unfinished.since', '<', cutoff)
    .orderBy('unfinished.since')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
};

/**
 * Runs `work` on one connection holding a session advisory lock on `key` (a number, or a name hashed to
 * one), so only one holder runs at a time across all processes; undefined, without running it, when
 * another holds the lock. A process that dies releases it with its connection.
 */
export const withSessionLock = async <T>(db: Db, key: number | string, work: (conn: Db) => Promise<T>): Promise<T | undefined> =>
  db.connection().execute(async (conn) => {
    const lockKey = typeof key === 'number' ? sql`${key}` : sql`hashtextextended(${key}, 0)`;
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${lockKey}) AS locked`.execute(conn);
    if (!rows[0]?.locked) return undefined;
    try {
      return await work(conn);
    } finally {
      await sql`SELECT pg_advisory_unlock(${lockKey})`.execute(conn);
    }
  });
