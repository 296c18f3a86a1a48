import type { Chat } from '../../adapters/chat/index.js';
import type { ChatAdapter, ChatName } from '../domain/chat.js';
import type { CardRouting, ChatTarget } from '../pipeline/pipeline-types.js';
import type { GroupsOf } from '../roles/may-press.js';

/** The configured chats as the rest of the app asks about them: by chat name, or by a person's actor id. */
export interface WiredChats {
  list: readonly Chat[];
  adapters: ReadonlyMap<string, ChatAdapter>;
  /** Where handoff cards are posted by default (and the digest): one target per chat with a card channel. */
  targets: ChatTarget[];
  /** The configured chats, in registry order. */
  names: ChatName[];
  cardChannel: (chat: ChatName) => string | undefined;
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
    names: chats.map((chat) => chat.name),
    cardChannel: (chat) => byName.get(chat)?.cardChannel,
    escalationChannel: (chat) => byName.get(chat)?.escalationChannel,
    mentionFor: (chat) => byName.get(chat)?.escalationMention,
    // Actor ids start with their chat ('slack:U1'): each chat knows its own groups.
    groupsOf: async (actor) => (await byName.get(actor.split(':')[0] ?? '')?.groupsOf(actor)) ?? [],
  };
};

/** An account's own card channel in a chat (the playbook's `accounts:`), if it names one. */
export type AccountChannel = (chat: ChatName, account: { platform: string; accountId: string }) => string | undefined;

/**
 * Where the pipeline sends a message's card: the chats its rules ask for (`chats:`; every configured chat
 * by default), each in the receiving account's own card channel when the playbook names one, else the chat's.
 */
export const cardRouting = (
  chats: WiredChats,
  ruleChats: ReadonlyMap<string, readonly ChatName[]>,
  accountChannel: AccountChannel = () => undefined,
): CardRouting => ({
  chats: chats.names,
  ruleChats,
  cardChannel: (chat, account) => (chats.names.includes(chat) ? (accountChannel(chat, account) ?? chats.cardChannel(chat)) : undefined),
});
