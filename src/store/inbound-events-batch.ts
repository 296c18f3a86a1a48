import { sql } from 'kysely';
import type { Db } from './db.js';

export interface ClaimedEvent {
  id: string;
  payload: unknown;
}

/**
 * Claims many events and marks them processed in one statement (a rollback un-marks them all).
 * Rows are locked in id order, so two batches that share events wait for each other instead of
 * deadlocking; an event another transaction processed meanwhile drops out when its lock is
 * granted (Postgres re-checks the row). Returns the claimed events in id order, the order they arrived.
 */
export const claimEventsForProcessing = async (trx: Db, eventIds: readonly string[]): Promise<ClaimedEvent[]> => {
  if (eventIds.length === 0) return [];
  const { rows } = await sql<ClaimedEvent>`
    WITH claimable AS (
      -- coalesce(…) IS NULL, not "processed_at IS NULL AND failed_at IS NULL": the same test, but one the
      -- partial index of unprocessed events cannot serve, so the rows are found by id. During a backlog
      -- (and before statistics exist) the planner took that index and read every unprocessed event.
      SELECT id FROM inbound_events
      WHERE id = ANY(${[...eventIds]}::bigint[]) AND coalesce(processed_at, failed_at) IS NULL
      ORDER BY id
      FOR UPDATE
    )
    UPDATE inbound_events AS event SET processed_at = now(), attempts = event.attempts + 1
    FROM claimable WHERE event.id = claimable.id
    RETURNING event.id, event.payload`.execute(trx);
  return [...rows].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
};

/**
 * An event that failed on its own (its batch split down to it) keeps its error, whatever its
 * attempts left: the rest of its batch went ahead without it. Failed for good is still `markEventFailed`.
 */
export const recordEventError = async (db: Db, eventId: string, error: string): Promise<void> => {
  await db
    .updateTable('inbound_events')
    .set({ last_error: error.slice(0, 2_000), attempts: sql`attempts + 1` })
    .where('id', '=', eventId)
    .where('processed_at', 'is', null)
    .execute();
};
