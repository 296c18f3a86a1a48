import { ActionRowBuilder, ModalBuilder, TextInputBuilder } from '@discordjs/builders';
import { type APIModalInteractionResponseCallbackData, TextInputStyle } from 'discord.js';
import type { EditSubmission } from '../../../src/command-center/edit-flow.js';
import type { CardModel } from '../../../src/domain/card.js';
import { editFormId, parseComponentId } from './custom-id.js';
import { fitPlain, LIMITS } from './discord-text.js';
import { modalValues, type ModalInteraction } from './interaction-schema.js';

export const DRAFT_INPUT_ID = 'draft';

/** Edit's form: the reply box prefilled with the draft; the custom id keeps the card, its version and the card message. */
export const renderEditModal = (card: CardModel, messageId: string | undefined): APIModalInteractionResponseCallbackData => {
  const input = new TextInputBuilder()
    .setCustomId(DRAFT_INPUT_ID)
    .setLabel(fitPlain(`Reply to ${card.author.name}`, LIMITS.inputLabel))
    .setStyle(TextInputStyle.Paragraph)
    .setMaxLength(LIMITS.inputValue)
    // An empty box is answered with words, as Slack's form does, rather than blocked by the client.
    .setRequired(false);
  if (card.draft) input.setValue(fitPlain(card.draft.text, LIMITS.inputValue));
  return new ModalBuilder()
    .setCustomId(editFormId(card.cardId, card.version, messageId))
    .setTitle('Edit reply')
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input))
    .toJSON();
};

/** Reads a submitted edit form; undefined when it is not ours or was tampered with. The channel is where it was submitted. */
export const parseEditSubmission = (interaction: ModalInteraction): EditSubmission | undefined => {
  const id = parseComponentId(interaction.data.custom_id);
  const text = modalValues(interaction).get(DRAFT_INPUT_ID);
  if (id?.kind !== 'edit-form' || text === undefined) return undefined;
  return {
    cardId: id.cardId,
    version: id.version,
    text: text.trim(),
    channel: interaction.channel_id ?? interaction.channel?.id,
    messageId: id.messageId,
  };
};
