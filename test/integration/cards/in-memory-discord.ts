import type { Chat, ChatServices } from '../../../src/command-center/chat-entry.js';
import type { CardButton, CardModel } from '../../../src/domain/card.js';
import type { ChatAdapter, ChatAlert, ChatNote } from '../../../src/domain/chat.js';
import type { PressResult } from '../../../src/domain/press.js';

/**
 * A Discord-shaped chat that keeps its messages in memory, implementing our ChatAdapter port (not a
 * module of ours), for what the fake Discord server cannot easily stage: a chat that fails its posts
 * while the other chat works (mirror-outage.test.ts). The mirrored-card scenarios use the real Discord
 * adapter against the fake Discord REST server.
 */
export const GUILD_ID = '1000000000000000001';

export interface ShownMessage {
  id: string;
  channel: string;
  card?: CardModel;
  alert?: ChatAlert;
  thread: ChatNote[];
}

export interface InMemoryDiscord {
  chat: Chat;
  messages: ShownMessage[];
  /** The next card posts fail as a Discord outage would (a 503), before anything is posted. */
  failNextPosts: (times: number) => void;
  /** Press a button on a message as a guild member would (the command center's entry, as an adapter calls it). */
  press: (message: ShownMessage, button: CardButton, userId: string) => Promise<PressResult>;
}

export const inMemoryDiscord = (channels: { cards: string; escalation: string; mention: string }): InMemoryDiscord => {
  let sequence = 1_200_000_000_000_000_000n;
  const nextId = () => String((sequence += 1n));
  const messages: ShownMessage[] = [];
  let services: ChatServices | undefined;
  let failing = 0;
  const find = (channel: string, id: string) => {
    const message = messages.find((candidate) => candidate.channel === channel && candidate.id === id);
    if (!message) throw new Error(`Unknown Message ${channel}/${id}`);
    return message;
  };
  const post = (message: Omit<ShownMessage, 'id' | 'thread'>) => {
    const id = nextId();
    messages.push({ ...message, id, thread: [] });
    return id;
  };
  const adapter: ChatAdapter = {
    chat: 'discord',
    postCard: async (channel, card) => {
      if (failing > 0) {
        failing -= 1;
        throw new Error('503 Service Unavailable: upstream connect error');
      }
      return post({ channel, card });
    },
    updateCard: async (channel, messageId, card) => {
      find(channel, messageId).card = card;
    },
    findCard: async (channel, cardId) => messages.find((message) => message.channel === channel && message.card?.cardId === cardId)?.id,
    permalink: async (channel, messageId) => `https://discord.com/channels/${GUILD_ID}/${channel}/${messageId}`,
    postNote: async (channel, cardMessageId, note) => {
      find(channel, cardMessageId).thread.push(note);
      return nextId();
    },
    directMessage: async () => nextId(),
    mention: (actor) => (actor === 'here' ? '@here' : `<@${actor.split(':')[1] ?? actor}>`),
    postAlert: async (channel, alert) => post({ channel, alert }),
    findAlert: async (channel, cardId) => messages.find((message) => message.channel === channel && message.alert?.cardId === cardId)?.id,
    updateAlert: async (channel, messageId, alert) => {
      find(channel, messageId).alert = alert;
    },
    postReport: async () => nextId(),
  };
  const chat: Chat = {
    name: 'discord',
    adapter,
    cardChannel: channels.cards,
    escalationChannel: channels.escalation,
    escalationMention: channels.mention,
    groupsOf: async () => [],
    mount: async (given) => {
      services = given;
      return () => undefined;
    },
  };
  const press = async (message: ShownMessage, button: CardButton, userId: string): Promise<PressResult> => {
    const shown = message.card ?? message.alert;
    if (!services || !shown) throw new Error('the in-memory Discord is not mounted, or the message carries no buttons');
    return services.commandCenter.press({
      actor: `discord:${userId}`,
      homeWorkspace: GUILD_ID,
      workspace: GUILD_ID,
      actorWorkspace: GUILD_ID,
      guest: false,
      external: false,
      channel: message.channel,
      messageId: message.id,
      cardId: shown.cardId,
      version: shown.version,
      button,
    });
  };
  return { chat, messages, press, failNextPosts: (times) => void (failing = times) };
};
