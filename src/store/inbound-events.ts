import { sql } from 'kysely';
import type { Db } from './db.js';

/** The stored payload of an event no worker has processed yet (undefined once it has been). */
export const findUnprocessedEvent = async (db: Db, eventId: string): Promise<{ payload: unknown } | undefined> => {
  const event = await db.selectFrom('inbound_events').select(['payload', 'processed_at']).where('id', '=', eventId).executeTakeFirst();
  return event && event.processed_at === null ? { payload: event.payload } : undefined;
};

/**
 * Claims the event and marks it processed in one statement (now() is the transaction's start, and a
 * rollback un-marks it); a redelivered job waits on the row lock, then finds nothing to do.
 * Returns the payload, or undefined when the event is already processed or failed.
 */
export const claimEventForProcessing = async (trx: Db, eventId: string): Promise<{ payload: unknown } | undefined> =>
  trx
    .updateTable('inbound_events')
    .set({ processed_at: sql`now()`, attempts: sql`attempts + 1` })
    .where('id', '=', eventId)
    .where('processed_at', 'is', null)
    .where('failed_at', 'is', null)
    .returning('payload')
    .executeTakeFirst();

/** The event used its last attempt: marked failed, so the reconciler leaves it alone. */
export const markEventFailed = async (db: Db, eventId: string, error: string): Promise<void> => {
  await db
    .updateTable('inbound_events')
    .set({ failed_at: sql`now()`, last_error: error })
    .where('id', '=', eventId)
    .where('processed_at', 'is', null)
    .execute();
};
