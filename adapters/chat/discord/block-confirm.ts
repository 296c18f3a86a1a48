import { ActionRowBuilder, ButtonBuilder } from '@discordjs/builders';
import { type APIInteractionResponseCallbackData, ButtonStyle } from 'discord.js';
import type { CardModel } from '../../../src/domain/card.js';
import { platformName } from '../../../src/domain/platform.js';
import { CANCEL_ID, confirmBlockId } from './custom-id.js';
import { NO_PINGS } from './discord-mention.js';
import { escapeMarkdown } from './discord-text.js';

const EPHEMERAL = 64;

/** Discord buttons have no confirm dialog: Block answers privately with the question and Confirm/Cancel. */
export const renderBlockConfirmation = (card: CardModel, messageId: string): APIInteractionResponseCallbackData => ({
  flags: EPHEMERAL,
  content: `**Block this author?** Block ${escapeMarkdown(card.author.name)} on ${platformName(card.platform)}?`,
  allowed_mentions: NO_PINGS,
  components: [
    new ActionRowBuilder<ButtonBuilder>()
      .addComponents(
        new ButtonBuilder()
          .setCustomId(confirmBlockId(card.cardId, card.version, messageId))
          .setLabel('Block')
          .setStyle(ButtonStyle.Danger),
        new ButtonBuilder().setCustomId(CANCEL_ID).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
      )
      .toJSON(),
  ],
});
