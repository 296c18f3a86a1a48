import { sql } from 'kysely';
import type { ChatName } from '../domain/chat.js';
import type { Db } from './db.js';
import type { Escalation } from './schema.js';

export interface NewEscalation {
  conversationId: string;
  cardId: string;
  chat: ChatName;
  channel: string;
  reason: string;
  priority: string;
  /** 'rule:<id>' or the person who pressed Escalate. */
  escalatedBy: string;
}

const escalationRow = (escalation: NewEscalation) => ({
  conversation_id: escalation.conversationId,
  card_id: escalation.cardId,
  chat: escalation.chat,
  channel: escalation.channel,
  reason: escalation.reason,
  priority: escalation.priority,
  escalated_by: escalation.escalatedBy,
});

/** Opens the card's escalation in one chat; a card is escalated once per chat, so a second call returns undefined. */
export const openEscalation = async (db: Db, escalation: NewEscalation): Promise<string | undefined> => {
  const row = await db
    .insertInto('escalations')
    .values(escalationRow(escalation))
    .onConflict((conflict) => conflict.columns(['card_id', 'chat']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
};

/** Opens many escalations in one statement (none: no statement); each card is escalated once per chat. */
export const openEscalations = async (db: Db, escalations: NewEscalation[]): Promise<void> => {
  if (escalations.length === 0) return;
  await db
    .insertInto('escalations')
    .values(escalations.map(escalationRow))
    .onConflict((conflict) => conflict.columns(['card_id', 'chat']).doNothing())
    .execute();
};

/** An escalation as this alert attempt found it, with the attempt before (if any). */
export type AlertAttempt = Escalation & { previous_attempt: Date | null };

/**
 * Marks an alert attempt and returns the escalation as it was before, in one statement: the row
 * lock and the mark happen together, so two attempts cannot both see "never attempted".
 */
export const markAlertAttempt = async (db: Db, escalationId: string): Promise<AlertAttempt | undefined> => {
  const { rows } = await sql<AlertAttempt>`
    UPDATE escalations SET alert_attempted_at = coalesce(escalations.alert_attempted_at, now())
    FROM (SELECT id, alert_attempted_at AS previous_attempt FROM escalations WHERE id = ${escalationId} FOR UPDATE) AS before
    WHERE escalations.id = before.id
    RETURNING escalations.*, before.previous_attempt
  `.execute(db);
  return rows[0];
};

/** Records the alert's chat message, once (a found and a posted alert may race). */
export const recordAlertMessage = async (db: Db, escalationId: string, alertMessageId: string): Promise<void> => {
  await db
    .updateTable('escalations')
    .set({ alert_message_id: alertMessageId })
    .where('id', '=', escalationId)
    .where('alert_message_id', 'is', null)
    .execute();
};

export const findEscalation = (db: Db, escalationId: string): Promise<Escalation | undefined> =>
  db.selectFrom('escalations').selectAll().where('id', '=', escalationId).executeTakeFirst();

/** The card's escalation as one state: its rows (one per chat) are opened together and acknowledged together. */
export const findCardEscalation = (db: Db, cardId: string): Promise<Escalation | undefined> =>
  db.selectFrom('escalations').selectAll().where('card_id', '=', cardId).orderBy('id').limit(1).executeTakeFirst();

/** Every chat the card's escalation rings in (one row each). */
export const findCardEscalations = (db: Db, cardId: string): Promise<Escalation[]> =>
  db.selectFrom('escalations').selectAll().where('card_id', '=', cardId).orderBy('id').execute();

/** Whether the escalated conversation was resolved meanwhile (then the re-pings stop). */
export const isEscalatedConversationResolved = async (db: Db, conversationId: string): Promise<boolean> => {
  const conversation = await db.selectFrom('conversations').select(['state']).where('id', '=', conversationId).executeTakeFirstOrThrow();
  return conversation.state === 'resolved';
};

export const recordEscalationPing = async (db: Db, escalationId: string): Promise<void> => {
  await db.updateTable('escalations').set({ pings: sql`pings + 1`, last_ping_at: sql`now()` }).where('id', '=', escalationId).execute();
};

/** The first acknowledgement wins, in every chat the escalation rings in (one statement for all of the card's rows); a later one changes nothing. */
export const acknowledgeEscalation = async (trx: Db, cardId: string, by: string): Promise<void> => {
  await trx
    .updateTable('escalations')
    .set({ acknowledged_at: sql`now()`, acknowledged_by: by })
    .where('card_id', '=', cardId)
    .where('acknowledged_at', 'is', null)
    .execute();
};

export const findUnacknowledgedEscalations = (db: Db): Promise<Pick<Escalation, 'id' | 'created_at' | 'pings' | 'alert_message_id'>[]> =>
  db.selectFrom('escalations').select(['id', 'created_at', 'pings', 'alert_message_id']).where('acknowledged_at', 'is', null).execute();

/** The card's escalations in a chat whose alert has not gone out: a rule's escalation waits for its card there, so the alert can link to it. */
export const findEscalationsAwaitingAlert = async (db: Db, cardId: string, chat: ChatName): Promise<string[]> => {
  const rows = await db
    .selectFrom('escalations')
    .select('id')
    .where('card_id', '=', cardId)
    .where('chat', '=', chat)
    .where('alert_message_id', 'is', null)
    .execute();
  return rows.map((row) => row.id);
};
