import type { ChatAdapter, ChatName, ChatNote } from '../domain/chat.js';
import { findCardPlacement } from '../store/cards.js';
import type { Db } from '../store/db.js';

const CHAT_LABELS: Record<string, string> = { slack: 'Slack', discord: 'Discord' };

/** A person of this chat is mentioned; one who pressed in another chat of a mirrored card is named in words (a mention would not resolve). */
const noteFor = (note: { text: string; actor?: string | undefined }, chatName: ChatName, chat: ChatAdapter): ChatNote => {
  if (!note.actor) return { text: note.text };
  const [from = '', id = note.actor] = note.actor.split(':');
  if (from === chatName) return { mention: chat.mention(note.actor), text: note.text };
  return { text: `${id} (${CHAT_LABELS[from] ?? from}) ${note.text}` };
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
  await chat.postNote(card.channel, card.chat_message_id, noteFor(note, card.chat, chat));
  return 'posted';
};
