import type { REST } from '@discordjs/rest';
import { type APIChannel, type APIMessage, Routes } from 'discord.js';
import type { ChatAdapter } from '../../../src/domain/chat.js';
import { callDiscord, isUnknown, toPlatformError } from './discord-errors.js';
import { discordMention } from './discord-mention.js';
import { LIMITS } from './discord-text.js';
import { alertFooter, renderAlert, renderNote } from './render-alert.js';
import { cardFooterPrefix, renderCard, type RenderedMessage } from './render-card.js';
import { renderReport } from './render-report.js';
import { NO_PINGS } from './discord-mention.js';

const UNKNOWN_CHANNEL = 10003;
const THREAD_ALREADY_CREATED = 160004;
const THREAD_NAME = 'Switchboard: who did what';
/** Newest first; a lost post is recent, so one page is enough. */
const SEARCH_PAGE = 100;

export interface DiscordChatOptions {
  /** The guild for permalinks; when unset, learnt from the channel. */
  guildId: string | undefined;
}

/** A card (or alert) of ours: one of our footers on its embed. */
const footerOf = (message: APIMessage): string => message.embeds?.[0]?.footer?.text ?? '';

/** Cards in Discord: an embed and buttons from the shared card model; the footer names the card, so a lost post can be found. */
export const createDiscordChat = (rest: REST, options: DiscordChatOptions): ChatAdapter => {
  const post = async (channel: string, body: Partial<RenderedMessage>): Promise<string> => {
    const message = (await callDiscord(() => rest.post(Routes.channelMessages(channel), { body }))) as APIMessage;
    if (!message?.id) throw toPlatformError(new Error('Discord accepted the message but returned no id'));
    return message.id;
  };
  const edit = async (channel: string, messageId: string, body: Partial<RenderedMessage>) => {
    await callDiscord(() => rest.patch(Routes.channelMessage(channel, messageId), { body }));
  };
  const findByFooter = async (channel: string, matches: (footer: string) => boolean, since: Date) => {
    const messages = (await callDiscord(() =>
      rest.get(Routes.channelMessages(channel), { query: new URLSearchParams({ limit: String(SEARCH_PAGE) }) }),
    )) as APIMessage[];
    const found = messages.find((message) => matches(footerOf(message)) && Date.parse(message.timestamp) >= since.getTime() - 60_000);
    return found?.id;
  };
  const guilds = new Map<string, string>();
  const guildOf = async (channel: string): Promise<string | undefined> => {
    if (options.guildId) return options.guildId;
    if (!guilds.has(channel)) {
      const answer = (await rest.get(Routes.channel(channel)).catch(() => undefined)) as APIChannel & { guild_id?: string };
      if (answer?.guild_id) guilds.set(channel, answer.guild_id);
    }
    return guilds.get(channel);
  };
  // A thread started on a message has that message's id: post there, starting it on first use.
  const postInThread = async (channel: string, messageId: string, body: Partial<RenderedMessage>): Promise<string> => {
    try {
      const message = (await rest.post(Routes.channelMessages(messageId), { body })) as APIMessage;
      return message.id;
    } catch (error) {
      if (!isUnknown(error, UNKNOWN_CHANNEL)) throw toPlatformError(error);
    }
    await rest
      .post(Routes.threads(channel, messageId), { body: { name: THREAD_NAME.slice(0, LIMITS.threadName), auto_archive_duration: 10080 } })
      .catch((error: unknown) => {
        if (!isUnknown(error, THREAD_ALREADY_CREATED)) throw toPlatformError(error);
      });
    return post(messageId, body);
  };
  return {
    chat: 'discord',
    postCard: (channel, card) => post(channel, renderCard(card)),
    updateCard: (channel, messageId, card) => edit(channel, messageId, renderCard(card)),
    findCard: (channel, cardId, since) => findByFooter(channel, (footer) => footer.startsWith(cardFooterPrefix(cardId)), since),
    permalink: async (channel, messageId) => {
      const guild = await guildOf(channel);
      return guild ? `https://discord.com/channels/${guild}/${channel}/${messageId}` : undefined;
    },
    postNote: (channel, cardMessageId, note) => postInThread(channel, cardMessageId, renderNote(note)),
    directMessage: async (userId, note) => {
      const dm = (await callDiscord(() => rest.post(Routes.userChannels(), { body: { recipient_id: userId } }))) as APIChannel;
      return post(dm.id, renderNote(note));
    },
    mention: discordMention,
    postAlert: (channel, alert) => post(channel, renderAlert(alert)),
    findAlert: (channel, cardId, since) => findByFooter(channel, (footer) => footer === alertFooter(cardId), since),
    updateAlert: (channel, messageId, alert) => edit(channel, messageId, renderAlert(alert)),
    postReport: (channel, report) => post(channel, { embeds: [renderReport(report)], allowed_mentions: NO_PINGS }),
  };
};
