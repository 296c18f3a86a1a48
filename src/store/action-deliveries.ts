import { sql } from 'kysely';
import type { Db } from './db.js';
import type { Action } from './schema.js';

/*
 * Settling an action from the platform's own delivery report (WhatsApp's status webhooks): the
 * report may come before, after or instead of the send's answer, so each change is conditional
 * and whoever changes the row first is the one who tells the card.
 */

const RELEASED = { owner: null, lease_until: null, verify_first: false, finished_at: sql<Date>`now()` } as const;

/** The action, locked for the status that names it. */
export const lockActionForDelivery = async (trx: Db, actionId: string): Promise<Action | undefined> =>
  trx.selectFrom('actions').selectAll().where('id', '=', actionId).forUpdate().executeTakeFirst();

/** The platform reports the message sent: done, unless it was settled already (or given up). */
export const confirmActionDelivered = async (trx: Db, actionId: string, result: Record<string, unknown>): Promise<Action | undefined> =>
  trx
    .updateTable('actions')
    .set({ ...RELEASED, status: 'succeeded', result: JSON.stringify(result), error: null })
    .where('id', '=', actionId)
    .where('status', 'in', ['pending', 'in_flight', 'unknown'])
    .returningAll()
    .executeTakeFirst();

/** The platform reports the message failed: failed with its words, even after the send was accepted. */
export const failActionDelivery = async (trx: Db, actionId: string, error: string): Promise<Action | undefined> =>
  trx
    .updateTable('actions')
    .set({ ...RELEASED, status: 'failed', error })
    .where('id', '=', actionId)
    .where('status', 'in', ['pending', 'in_flight', 'unknown', 'succeeded'])
    .returningAll()
    .executeTakeFirst();
