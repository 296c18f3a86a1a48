import { sql } from 'kysely';
import type { PlatformAction } from '../domain/action.js';
import type { Db } from './db.js';
import type { MessageRow } from './messages.js';
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

/** The platform's ids of the message's author and of our account, which a platform action is addressed with. */
export const findActionParties = async (
  trx: Db,
  message: Pick<MessageRow, 'contact_id' | 'account_id'>,
): Promise<{ contactExternalId: string; accountExternalId: string }> => {
  const contact = await trx.selectFrom('contacts').select('external_id').where('id', '=', message.contact_id).executeTakeFirstOrThrow();
  const account = await trx.selectFrom('accounts').select('external_id').where('id', '=', message.account_id).executeTakeFirstOrThrow();
  return { contactExternalId: contact.external_id, accountExternalId: account.external_id };
};

export interface PressAction {
  idempotencyKey: string;
  kind: PlatformAction;
  platform: string;
  target: string;
  payload: { accountId: string; text: string | null; via: string };
  requestedBy: string;
  conversationId: string;
  messageId: string;
  cardId: string;
}

/** Records the platform action a press asks for; undefined when this key was recorded already (the press came twice). */
export const insertPressAction = async (trx: Db, action: PressAction): Promise<string | undefined> => {
  const inserted = await trx
    .insertInto('actions')
    .values({
      idempotency_key: action.idempotencyKey,
      kind: action.kind,
      platform: action.platform,
      target: action.target,
      payload: JSON.stringify(action.payload),
      requested_by: action.requestedBy,
      conversation_id: action.conversationId,
      message_id: action.messageId,
      card_id: action.cardId,
    })
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
};
