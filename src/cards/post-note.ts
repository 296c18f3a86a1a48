import type { ChatAdapter } from '../domain/chat.js';
import { findCardPlacement } from '../store/cards.js';
import type { Db } from '../store/db.js';

/**
 * Put a line in the card's thread: "<who> <did what>". Notes are history for people reading the
 * thread; the record of truth is the audit log, so a note is best-effort and never retried forever.
 */
export const postCardNote = async (
  db: Db,
  chats: ReadonlyMap<string, ChatAdapter>,
  note: { cardId: string; text: string; actor?: string | undefined },
): Promise<'posted' | 'not_posted' | 'missing'> => {
  const card = await findCardPlacement(db, note.cardId);
  if (!card) return 'missing';
  if (!card.chat_message_id) return 'not_posted';
  const chat = chats.get(card.chat);
  if (!chat) return 'missing';
  await chat.postNote(card.channel, card.chat_message_id, {
    ...(note.actor ? { mention: chat.mention(note.actor) } : {}),
    text: note.text,
  });
  return 'posted';
};
