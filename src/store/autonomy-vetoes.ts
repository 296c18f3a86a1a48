import { sql } from 'kysely';
import type { Db } from './db.js';
import type { Veto } from './autonomy-schema.js';

export type { Veto, VetoState } from './autonomy-schema.js';

/** A rule's reply held on its card until the deadline. */
export interface VetoToHold {
  decisionId: string;
  messageId: string;
  conversationId: string;
  cardId: string;
  rule: string;
  deadlineAt: Date;
}

/** Stores the held replies; a decision holds at most one (a redelivered event holds nothing new). */
export const holdVetoes = async (trx: Db, vetoes: VetoToHold[]): Promise<Veto[]> => {
  if (vetoes.length === 0) return [];
  return trx
    .insertInto('autonomy_vetoes')
    .values(
      vetoes.map((veto) => ({
        decision_id: veto.decisionId,
        message_id: veto.messageId,
        conversation_id: veto.conversationId,
        card_id: veto.cardId,
        rule: veto.rule,
        deadline_at: veto.deadlineAt,
      })),
    )
    .onConflict((conflict) => conflict.column('decision_id').doNothing())
    .returningAll()
    .execute();
};

export const findVeto = (db: Db, vetoId: string): Promise<Veto | undefined> =>
  db.selectFrom('autonomy_vetoes').selectAll().where('id', '=', vetoId).executeTakeFirst();

/** The newest veto on a message, whatever its state (a card shows it). */
export const findMessageVeto = (db: Db, messageId: string): Promise<Veto | undefined> =>
  db.selectFrom('autonomy_vetoes').selectAll().where('message_id', '=', messageId).orderBy('id', 'desc').limit(1).executeTakeFirst();

/**
 * Moves a pending veto to its outcome, once: undefined when it is no longer pending (someone else
 * decided first). `dueBy` is for the send: the deadline must have come.
 */
export const decideVeto = (
  trx: Db,
  vetoId: string,
  outcome: { state: 'stopped' | 'sent' | 'superseded' | 'demoted'; by: string; at: Date; dueBy?: Date },
): Promise<Veto | undefined> => {
  let update = trx
    .updateTable('autonomy_vetoes')
    .set({ state: outcome.state, decided_by: outcome.by, decided_at: outcome.at })
    .where('id', '=', vetoId)
    .where('state', '=', 'pending');
  if (outcome.dueBy) update = update.where('deadline_at', '<=', outcome.dueBy);
  return update.returningAll().executeTakeFirst();
};

export const linkVetoAction = async (trx: Db, vetoId: string, actionId: string): Promise<void> => {
  await trx.updateTable('autonomy_vetoes').set({ action_id: actionId }).where('id', '=', vetoId).execute();
};

/** Every countdown still running (to rebuild their timers after a Redis loss). */
export const findPendingVetoes = (db: Db): Promise<Pick<Veto, 'id' | 'deadline_at'>[]> =>
  db.selectFrom('autonomy_vetoes').select(['id', 'deadline_at']).where('state', '=', 'pending').execute();

/** A reply by a person on the message is on its way or sent: the held one must not go out too. */
export const hasPersonReply = async (trx: Db, messageId: string): Promise<boolean> => {
  const found = await trx
    .selectFrom('actions')
    .select('id')
    .where('message_id', '=', messageId)
    .where('kind', 'in', ['reply', 'send_dm'])
    .where('status', 'not in', ['failed', 'cancelled'])
    .where('requested_by', 'not like', 'rule:%')
    .limit(1)
    .executeTakeFirst();
  return found !== undefined;
};

/**
 * The rule went back to draft: every countdown of it still running ends 'demoted' (not sent); returns their cards.
 * Their cards are locked first (in id order), as a press and the deadline's send lock a card before its veto:
 * taking the vetoes first deadlocked with a send at the same moment.
 */
export const demotePendingVetoes = async (trx: Db, rule: string, by: string, at: Date): Promise<{ id: string; version: number }[]> => {
  await trx
    .selectFrom('cards')
    .select('id')
    .where('id', 'in', (eb) => eb.selectFrom('autonomy_vetoes').select('card_id').where('rule', '=', rule).where('state', '=', 'pending'))
    .orderBy('id')
    .forUpdate()
    .execute();
  const rows = await trx
    .updateTable('autonomy_vetoes')
    .set({ state: 'demoted', decided_by: by, decided_at: at })
    .where('rule', '=', rule)
    .where('state', '=', 'pending')
    .returning('card_id')
    .execute();
  return bumpCardVersions(
    trx,
    rows.map((row) => row.card_id),
  );
};

/** Cards whose veto ended without a press: a new version, so their redraw is a new job and older buttons are stale. */
export const bumpCardVersions = async (trx: Db, cardIds: string[]): Promise<{ id: string; version: number }[]> =>
  cardIds.length === 0
    ? []
    : trx
        .updateTable('cards')
        .set({ version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', 'in', cardIds)
        .returning(['id', 'version'])
        .execute();
