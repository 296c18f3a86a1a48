import type { REST } from '@discordjs/rest';
import { type APIChannel, Routes } from 'discord.js';
import type { ChatAdapter } from '../../../src/domain/chat.js';
import { callDiscord } from './discord-errors.js';
import { createGuildLookup, editMessage, findByFooter, postInThread, postMessage } from './discord-messages.js';
import { discordMention, NO_PINGS } from './discord-mention.js';
import { createDiscordLogThread } from './log-thread.js';
import { alertFooter, renderAlert, renderNote } from './render-alert.js';
import { cardFooterPrefix, renderCard } from './render-card.js';
import { renderReport } from './render-report.js';

export interface DiscordChatOptions {
  /** The guild for message links; when unset, learnt from the channel. */
  guildId: string | undefined;
}

/** Cards in Discord: an embed and buttons from the shared card model; the footer names the card, so a lost post can be found. */
export const createDiscordChat = (rest: REST, options: DiscordChatOptions): ChatAdapter => {
  const guildOf = createGuildLookup(rest, options.guildId);
  return {
    chat: 'discord',
    postCard: (channel, card) => postMessage(rest, channel, renderCard(card)),
    updateCard: (channel, messageId, card) => editMessage(rest, channel, messageId, renderCard(card)),
    findCard: (channel, cardId, since) => findByFooter(rest, channel, (footer) => footer.startsWith(cardFooterPrefix(cardId)), since),
    permalink: async (channel, messageId) => {
      const guild = await guildOf(channel);
      return guild ? `https://discord.com/channels/${guild}/${channel}/${messageId}` : undefined;
    },
    postNote: (channel, cardMessageId, note) => postInThread(rest, channel, cardMessageId, renderNote(note)),
    directMessage: async (userId, note) => {
      const dm = (await callDiscord(() => rest.post(Routes.userChannels(), { body: { recipient_id: userId } }))) as APIChannel;
      return postMessage(rest, dm.id, renderNote(note));
    },
    mention: discordMention,
    postAlert: (channel, alert) => postMessage(rest, channel, renderAlert(alert)),
    findAlert: (channel, cardId, since) => findByFooter(rest, channel, (footer) => footer === alertFooter(cardId), since),
    updateAlert: (channel, messageId, alert) => editMessage(rest, channel, messageId, renderAlert(alert)),
    postReport: (channel, report) => postMessage(rest, channel, { embeds: [renderReport(report)], allowed_mentions: NO_PINGS }),
    ...createDiscordLogThread(rest),
  };
};
