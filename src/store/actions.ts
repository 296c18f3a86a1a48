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

/** The columns every new action has, whether a rule or a press asked for it. */
const actionRow = (action: Omit<ActionToCreate, 'decisionId'>) => ({
  idempotency_key: action.idempotencyKey,
  kind: action.kind,
  platform: action.platform,
  target: action.target,
  payload: JSON.stringify(action.payload),
  requested_by: action.requestedBy,
  conversation_id: action.conversationId,
  message_id: action.messageId,
});

/** Stores the actions (none: no statement); returns their ids in the order given. */
export const createActions = async (trx: Db, actions: ActionToCreate[]): Promise<string[]> => {
  if (actions.length === 0) return [];
  const rows = await trx
    .insertInto('actions')
    .values(actions.map((action) => ({ ...actionRow(action), decision_id: action.decisionId })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
};

export interface ClaimedAttempt {
  action: Action;
  /** 'in_flight' means an earlier attempt died without recording its outcome. */
  previousStatus: Action['status'];
  /** The platform must be asked first (an earlier outcome is unknown). */
  verifyFirst: boolean;
  /** Who chose to send again even if the platform cannot tell. */
  resendApprovedBy: string | null;
}

/** Who attempts an action, and for how long the attempt holds it before it counts as stuck. */
export interface AttemptOwner {
  owner: string;
  leaseMs: number;
}

const SETTLED: readonly Action['status'][] = ['succeeded', 'failed', 'unknown', 'cancelled'];
const isSettled = (status: Action['status']): boolean => SETTLED.includes(status);

/**
 * Marks the action in flight for one more attempt, owned by `owner` until the lease ends, under its
 * row lock so two workers never both claim it. `claimed` is undefined when the action is missing or settled.
 */
export const claimNextAttempt = async (
  db: Db,
  actionId: string,
  attempt: AttemptOwner,
): Promise<{ current: Action | undefined; claimed: ClaimedAttempt | undefined }> =>
  db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('actions').selectAll().where('id', '=', actionId).forUpdate().executeTakeFirst();
    if (!current || isSettled(current.status)) return { current, claimed: undefined };
    const claimed = await trx
      .updateTable('actions')
      .set({
        status: 'in_flight',
        attempts: sql`attempts + 1`,
        started_at: sql`coalesce(started_at, now())`,
        // A person's approval to send again is good for this one attempt.
        verify_first: false,
        resend_approved_by: null,
        owner: attempt.owner,
        lease_until: sql`now() + make_interval(secs => ${attempt.leaseMs / 1000})`,
      })
      .where('id', '=', actionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      current,
      claimed: {
        action: claimed,
        previousStatus: current.status,
        verifyFirst: current.verify_first,
        resendApprovedBy: current.resend_approved_by,
      },
    };
  });

const RELEASED = { owner: null, lease_until: null, verify_first: false, finished_at: sql<Date>`now()` } as const;

/** Records success, only if the action is still in flight (undefined when another attempt settled it). */
export const markActionSucceeded = async (trx: Db, actionId: string, result: Record<string, unknown>): Promise<Action | undefined> =>
  trx
    .updateTable('actions')
    .set({ ...RELEASED, status: 'succeeded', result: JSON.stringify(result), error: null })
    .where('id', '=', actionId)
    .where('status', '=', 'in_flight')
    .returningAll()
    .executeTakeFirst();

export const markActionFailed = async (trx: Db, actionId: string, error: string): Promise<Action> =>
  trx
    .updateTable('actions')
    .set({ ...RELEASED, status: 'failed', error })
    .where('id', '=', actionId)
    .returningAll()
    .executeTakeFirstOrThrow();

/** The last attempt never heard back and the platform cannot tell: only a person may send it again. */
export const markActionUnknown = async (trx: Db, actionId: string, reason: string): Promise<Action | undefined> =>
  trx
    .updateTable('actions')
    .set({ ...RELEASED, status: 'unknown', error: reason })
    .where('id', '=', actionId)
    .where('status', '=', 'in_flight')
    .returningAll()
    .executeTakeFirst();

/** The platform refused before doing anything (rate limit): pending again, to be retried when it says. */
export const returnActionToPending = async (db: Db, actionId: string): Promise<void> => {
  await db.updateTable('actions').set({ status: 'pending', owner: null, lease_until: null }).where('id', '=', actionId).execute();
};

/** An action whose attempt is in flight and still within its lease: someone is working on it right now. */
const LEASED = sql<boolean>`status = 'in_flight' AND lease_until IS NOT NULL AND lease_until > now()`;

/** Not done, and nobody holds it right now: a person or an operator may retry or cancel it. */
const UNSETTLED = ['failed', 'unknown', 'in_flight', 'pending'] as const;

/**
 * Another attempt of the same action (same row, same identity), asking the platform first if told to. `approvedBy`
 * is set when a person chose to send again even if the platform cannot tell whether the first one went out.
 * Undefined when the action is missing, done, or being attempted right now.
 */
export const requestAnotherAttempt = async (
  trx: Db,
  actionId: string,
  how: { verifyFirst: boolean; approvedBy: string | null },
): Promise<Action | undefined> =>
  trx
    .updateTable('actions')
    .set({
      status: 'pending',
      verify_first: how.verifyFirst,
      resend_approved_by: how.approvedBy,
      owner: null,
      lease_until: null,
      finished_at: null,
    })
    .where('id', '=', actionId)
    .where('status', 'in', UNSETTLED)
    .where(sql<boolean>`NOT (${LEASED})`)
    .returningAll()
    .executeTakeFirst();

/** An operator gives the action up; not while an attempt holds it. */
export const cancelAction = async (trx: Db, actionId: string, reason: string): Promise<Action | undefined> =>
  trx
    .updateTable('actions')
    .set({ ...RELEASED, status: 'cancelled', error: reason })
    .where('id', '=', actionId)
    .where('status', 'in', UNSETTLED)
    .where(sql<boolean>`NOT (${LEASED})`)
    .returningAll()
    .executeTakeFirst();

export const findAction = async (db: Db, actionId: string): Promise<Action | undefined> =>
  db.selectFrom('actions').selectAll().where('id', '=', actionId).executeTakeFirst();

/** The card's latest action whose outcome is unknown (what Send again sends). */
export const findUnknownCardAction = async (trx: Db, cardId: string): Promise<Action | undefined> =>
  trx
    .selectFrom('actions')
    .selectAll()
    .where('card_id', '=', cardId)
    .where('status', '=', 'unknown')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The card's latest failed action of a kind: a person's retry sends it again under the same identity. */
export const findFailedCardAction = async (trx: Db, cardId: string, kind: PlatformAction): Promise<Action | undefined> =>
  trx
    .selectFrom('actions')
    .selectAll()
    .where('card_id', '=', cardId)
    .where('kind', '=', kind)
    .where('status', '=', 'failed')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

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
    .values({ ...actionRow(action), card_id: action.cardId })
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
};

/** Why an action needs an operator: its outcome is unknown, its attempt outlived its lease, or it failed. */
export type AttentionReason = 'unknown' | 'stuck' | 'failed';

export interface ActionNeedingAttention {
  id: string;
  reason: AttentionReason;
  cardId: string | null;
  platform: string;
  kind: string;
  attempts: number;
  error: string | null;
  createdAt: Date;
}

const STUCK = sql<boolean>`status = 'in_flight' AND (lease_until < now() OR lease_until IS NULL)`;

const attentionReason = sql<AttentionReason>`CASE WHEN status = 'in_flight' THEN 'stuck' ELSE status END`;

/** Unknown, stuck and failed actions, newest first. */
export const findActionsNeedingAttention = async (db: Db, limit: number): Promise<ActionNeedingAttention[]> => {
  const rows = await db
    .selectFrom('actions')
    .select(['id', 'card_id', 'platform', 'kind', 'attempts', 'error', 'created_at', attentionReason.as('reason')])
    .where((eb) => eb.or([eb('status', 'in', ['unknown', 'failed']), STUCK]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    reason: row.reason,
    cardId: row.card_id,
    platform: row.platform,
    kind: row.kind,
    attempts: row.attempts,
    error: row.error,
    createdAt: row.created_at,
  }));
};

/** How many actions need an operator, by why. */
export const countActionsNeedingAttention = async (db: Db): Promise<Record<AttentionReason, number>> => {
  const rows = await db
    .selectFrom('actions')
    .select([attentionReason.as('reason'), (eb) => eb.fn.countAll<string>().as('count')])
    .where((eb) => eb.or([eb('status', 'in', ['unknown', 'failed']), STUCK]))
    .groupBy(sql`1`)
    .execute();
  const counts: Record<AttentionReason, number> = { unknown: 0, stuck: 0, failed: 0 };
  for (const row of rows) counts[row.reason] = Number(row.count);
  return counts;
};
