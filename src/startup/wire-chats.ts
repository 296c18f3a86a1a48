import type { Chat } from '../../adapters/chat/index.js';
import type { ChatAdapter, ChatName } from '../domain/chat.js';
import type { ChatTarget } from '../pipeline/pipeline-types.js';
import type { GroupsOf } from '../roles/may-press.js';

/** The configured chats as the rest of the app asks about them: by chat name, or by a person's actor id. */
export interface WiredChats {
  list: readonly Chat[];
  adapters: ReadonlyMap<string, ChatAdapter>;
  /** Where handoff cards are posted: one target per chat with a card channel. */
  targets: ChatTarget[];
  escalationChannel: (chat: ChatName) => string | undefined;
  mentionFor: (chat: ChatName) => string | undefined;
  groupsOf: GroupsOf;
}

export const wireChats = (chats: readonly Chat[]): WiredChats => {
  const byName = new Map<string, Chat>(chats.map((chat) => [chat.name, chat]));
  return {
    list: chats,
    adapters: new Map(chats.map((chat) => [chat.name, chat.adapter])),
    targets: chats.flatMap((chat) => (chat.cardChannel ? [{ chat: chat.name, channel: chat.cardChannel }] : [])),
    escalationChannel: (chat) => byName.get(chat)?.escalationChannel,
    mentionFor: (chat) => byName.get(chat)?.escalationMention,
    // Actor ids start with their chat ('slack:U1'): each chat knows its own groups.
    groupsOf: async (actor) => (await byName.get(actor.split(':')[0] ?? '')?.groupsOf(actor)) ?? [],
  };
};
