import type { ChatName } from '../domain/chat.js';
import type { Db } from './db.js';

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

/** Opens the card's escalation; a card is escalated once, so a second call returns undefined. */
export const openEscalation = async (db: Db, escalation: NewEscalation): Promise<string | undefined> => {
  const row = await db
    .insertInto('escalations')
    .values({
      conversation_id: escalation.conversationId,
      card_id: escalation.cardId,
      chat: escalation.chat,
      channel: escalation.channel,
      reason: escalation.reason,
      priority: escalation.priority,
      escalated_by: escalation.escalatedBy,
    })
    .onConflict((conflict) => conflict.column('card_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
};
