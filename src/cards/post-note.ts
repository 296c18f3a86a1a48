import type { ChatAdapter, ChatName } from '../domain/chat.js';
import { findCardPlacement } from '../store/cards.js';
import type { Db } from '../store/db.js';

/** A person of this chat is mentioned; one from another chat of a mirrored card is named in words. */
const whoDidIt = (actor: string | undefined, chatName: ChatName, chat: ChatAdapter): { mention?: string } => {
  if (!actor) return {};
  const [from, id] = actor.split(':');
  if (from === chatName) return { mention: chat.mention(actor) };
  return { mention: `${id ?? actor} (in ${from === 'slack' ? 'Slack' : from === 'discord' ? 'Discord' : from})` };
};

/**
 * Put a line in the card's thread in one chat: "<who> <did what>". Notes are history for people reading the
 * thread; the record of truth is the audit log, so a note is best-effort and never retried forever.
 */
export const postCardNote = async (
  db: Db,
  chats: ReadonlyMap<string, ChatAdapter>,
  note: { cardId: string; chat: ChatName; text: string; actor?: string | undefined },
): Promise<'posted' | 'not_posted' | 'missing'> => {
  const card = await findCardPlacement(db, note.cardId, note.chat);
  if (!card) return 'missing';
  if (!card.chat_message_id) return 'not_posted';
  const chat = chats.get(card.chat);
  if (!chat) return 'missing';
  await chat.postNote(card.channel, card.chat_message_id, { ...whoDidIt(note.actor, card.chat, chat), text: note.text });
  return 'posted';
};
