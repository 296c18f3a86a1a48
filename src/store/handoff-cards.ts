import type { ChatName } from '../domain/chat.js';
import type { Db } from './db.js';

/** A card the pipeline opens for a person: one per message and chat. */
export interface CardToOpen {
  conversationId: string;
  messageId: string;
  chat: ChatName;
  channel: string;
  priority: string;
  draft: { text: string | null; source: string | null };
  reasons: { rule: string; kind: string; matched: string[] }[];
}

/** Opens the cards (none: no statement); a card already open for the message and chat is left as it is and not returned. */
export const openCards = async (trx: Db, cards: CardToOpen[]): Promise<string[]> => {
  if (cards.length === 0) return [];
  const rows = await trx
    .insertInto('cards')
    .values(
      cards.map((card) => ({
        conversation_id: card.conversationId,
        message_id: card.messageId,
        chat: card.chat,
        channel: card.channel,
        priority: card.priority,
        draft: card.draft.text,
        draft_source: card.draft.source,
        reasons: JSON.stringify(card.reasons),
      })),
    )
    .onConflict((conflict) => conflict.columns(['message_id', 'chat']).doNothing())
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
};

/** Replaces a card's draft with its rewrite (LLM + guardrails), only while the card is not yet posted. */
export const saveRewrittenDraft = async (db: Db, cardId: string, draft: { text: string; source: string; note?: string }): Promise<void> => {
  await db
    .updateTable('cards')
    .set({ draft: draft.text, draft_source: draft.source, draft_note: draft.note ?? null })
    .where('id', '=', cardId)
    .where('chat_message_id', 'is', null)
    .execute();
};
