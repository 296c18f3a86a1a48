import { sql } from 'kysely';
import type { Db } from './db.js';
import type { Action } from './schema.js';

/** A platform action the rules asked for, to be performed once by the platform queue. */
export interface ActionToCreate {
  /** Unique: the same request stored twice is one action. */
  idempotencyKey: string;
  kind: string;
  platform: string;
  target: string;
  payload: Record<string, unknown>;
  /** 'rule:<id>' or the person who pressed the button. */
  requestedBy: string;
  conversationId: string;
  messageId: string;
  decisionId: string;
}

/** Stores the actions (none: no statement); returns their ids in the order given. */
export const createActions = async (trx: Db, actions: ActionToCreate[]): Promise<string[]> => {
  if (actions.length === 0) return [];
  const rows = await trx
    .insertInto('actions')
    .values(
      actions.map((action) => ({
        idempotency_key: action.idempotencyKey,
        kind: action.kind,
        platform: action.platform,
        target: action.target,
        payload: JSON.stringify(action.payload),
        requested_by: action.requestedBy,
        conversation_id: action.conversationId,
        message_id: action.messageId,
        decision_id: action.decisionId,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
};

export interface ClaimedAttempt {
  action: Action;
  /** 'in_flight' means an earlier attempt died without recording its outcome. */
  previousStatus: Action['status'];
}

const isSettled = (status: Action['status']): boolean => status === 'succeeded' || status === 'failed';

/**
 * Marks the action in flight for one more attempt, under its row lock so two workers never both
 * claim it. `claimed` is undefined when the action is missing or already settled.
 */
export const claimNextAttempt = async (
  db: Db,
  actionId: string,
): Promise<{ current: Action | undefined; claimed: ClaimedAttempt | undefined }> =>
  db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('actions').selectAll().where('id', '=', actionId).forUpdate().executeTakeFirst();
    if (!current || isSettled(current.status)) return { current, claimed: undefined };
    const claimed = await trx
      .updateTable('actions')
      .set({ status: 'in_flight', attempts: sql`attempts + 1`, started_at: sql`coalesce(started_at, now())` })
      .where('id', '=', actionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { current, claimed: { action: claimed, previousStatus: current.status } };
  });

/** Records success, only if the action is still in flight (undefined when another attempt settled it). */
export const markActionSucceeded = async (trx: Db, actionId: string, result: Record<string, unknown>): Promise<Action | undefined> =>
  trx
    .updateTable('actions')
    .set({ status: 'succeeded', result: JSON.stringify(result), error: null, finished_at: sql`now()` })
    .where('id', '=', actionId)
    .where('status', '=', 'in_flight')
    .returningAll()
    .executeTakeFirst();

export const markActionFailed = async (trx: Db, actionId: string, error: string): Promise<Action> =>
  trx
    .updateTable('actions')
    .set({ status: 'failed', error, finished_at: sql`now()` })
    .where('id', '=', actionId)
    .returningAll()
    .executeTakeFirstOrThrow();

/** The platform refused before doing anything (rate limit): pending again, to be retried when it says. */
export const returnActionToPending = async (db: Db, actionId: string): Promise<void> => {
  await db.updateTable('actions').set({ status: 'pending' }).where('id', '=', actionId).execute();
};
