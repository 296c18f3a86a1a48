// What a press records beyond the card itself: the message, its conversation and the action it asks for.
import { type Selectable, sql } from 'kysely';
import type { PlatformAction } from '../domain/action.js';
import type { Db } from './db.js';
import type { MessagesTable } from './schema.js';

export type PressedMessage = Selectable<MessagesTable>;

export const findPressedMessage = (trx: Db, messageId: string): Promise<PressedMessage> =>
  trx.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();

/** The platform's ids of the message's author and of our account, which a platform action is addressed with. */
export const findActionParties = async (
  trx: Db,
  message: Pick<PressedMessage, 'contact_id' | 'account_id'>,
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

export const markHandledByPerson = async (trx: Db, messageId: string): Promise<void> => {
  await trx.updateTable('messages').set({ handled_by: 'person' }).where('id', '=', messageId).execute();
};

export const assignConversation = async (trx: Db, conversationId: string, assignee: string): Promise<void> => {
  await trx.updateTable('conversations').set({ assignee, updated_at: sql`now()` }).where('id', '=', conversationId).execute();
};

export const resolveConversation = async (trx: Db, conversationId: string): Promise<void> => {
  await trx
    .updateTable('conversations')
    .set({ state: 'resolved', resolved_at: sql`coalesce(resolved_at, now())`, updated_at: sql`now()` })
    .where('id', '=', conversationId)
    .execute();
};

/** The lead funnel's first stage; each stage keeps the time it was first reached. */
export const markLeadQualified = async (trx: Db, conversationId: string): Promise<void> => {
  await trx
    .updateTable('conversations')
    .set({ qualified_at: sql`coalesce(qualified_at, now())` })
    .where('id', '=', conversationId)
    .execute();
};

/** The funnel only moves forward: a booked or converted lead was qualified, whenever that was noticed. */
export const markLeadStage = async (trx: Db, conversationId: string, stage: 'booked' | 'converted'): Promise<void> => {
  const step =
    stage === 'booked' ? { booked_at: sql<Date>`coalesce(booked_at, now())` } : { converted_at: sql<Date>`coalesce(converted_at, now())` };
  await trx
    .updateTable('conversations')
    .set({ qualified_at: sql`coalesce(qualified_at, now())`, ...step, updated_at: sql`now()` })
    .where('id', '=', conversationId)
    .execute();
};

/** A person undoing a rule's hide overrides automation (the intervention rate counts it). */
export const reverseHideDecisions = async (trx: Db, messageId: string, by: string): Promise<void> => {
  await trx
    .updateTable('decisions')
    .set({ reversed_at: sql`now()`, reversed_by: by })
    .where('message_id', '=', messageId)
    .where('kind', '=', 'hide')
    .where('reversed_at', 'is', null)
    .execute();
};

export const markConversationAcknowledged = async (trx: Db, conversationId: string): Promise<void> => {
  await trx
    .updateTable('conversations')
    .set({ acknowledged_at: sql`coalesce(acknowledged_at, now())` })
    .where('id', '=', conversationId)
    .execute();
};

export const markConversationEscalated = async (trx: Db, conversationId: string): Promise<void> => {
  await trx
    .updateTable('conversations')
    .set({ escalated_at: sql`coalesce(escalated_at, now())`, priority: 'urgent' })
    .where('id', '=', conversationId)
    .execute();
};
