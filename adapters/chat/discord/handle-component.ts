import { type APIInteractionResponse, InteractionResponseType } from 'discord.js';
import { withinBudget } from '../../../src/command-center/ack-budget.js';
import { answerPress, type PressAnswer } from '../../../src/command-center/answer-press.js';
import { startEdit } from '../../../src/command-center/edit-flow.js';
import { pressFailedWords } from '../../../src/command-center/explain-press.js';
import type { ButtonValue, PressOrigin } from '../../../src/domain/press.js';
import { renderBlockConfirmation } from './block-confirm.js';
import { parseComponentId } from './custom-id.js';
import { DISCORD_WORDING } from './discord-mention.js';
import { discordPresserOf } from './discord-people.js';
import { renderEditModal } from './edit-modal.js';
import { answerPrivately, DEFERRED_UPDATE, EPHEMERAL, followUpPrivately, type InteractionContext } from './interaction-replies.js';
import type { ComponentInteraction } from './interaction-schema.js';
import { pressPlaceOf } from './log-thread.js';

const SLOW_EDIT_WORDS = 'Opening the form took too long; press Edit again.';

const responseFor = (answer: PressAnswer, messageId: string | undefined): APIInteractionResponse => {
  if (answer.show === 'words') return answerPrivately(answer.text);
  if (answer.show === 'edit-form') return { type: InteractionResponseType.Modal, data: renderEditModal(answer.card, messageId) };
  return DEFERRED_UPDATE;
};

/** The press through the command center; a failure becomes words, never a rejection. */
const pressSafely = (ctx: InteractionContext, origin: PressOrigin, value: ButtonValue | undefined): Promise<PressAnswer> =>
  answerPress(ctx.center, origin, value, DISCORD_WORDING).catch((error: unknown) => {
    ctx.logger.error({ err: error, button: value?.button }, 'a Discord button press failed');
    return { show: 'words' as const, text: pressFailedWords(error) };
  });

/**
 * Answered within Discord's 3 s: the press's own answer when it is ready within the budget (words,
 * the edit form, or nothing), otherwise a deferred update now and the words as a private follow-up.
 */
const press = async (ctx: InteractionContext, interaction: ComponentInteraction, origin: PressOrigin, value: ButtonValue | undefined) => {
  const work = pressSafely(ctx, origin, value);
  const early = await withinBudget(work, ctx.budgetMs);
  if (early.done) return responseFor(early.value, origin.messageId);
  void work.then(async (answer) => {
    if (answer.show === 'words') await followUpPrivately(ctx, interaction.token, answer.text);
    if (answer.show === 'edit-form') await followUpPrivately(ctx, interaction.token, SLOW_EDIT_WORDS);
  });
  return DEFERRED_UPDATE;
};

/** Block asks first, privately, and only someone who may block is asked. */
const askToBlock = async (ctx: InteractionContext, origin: PressOrigin, value: ButtonValue): Promise<APIInteractionResponse> => {
  const start = await startEdit(ctx.center, { ...origin, ...value });
  if ('refusal' in start) return answerPrivately(start.refusal);
  if (!origin.messageId) return answerPrivately(pressFailedWords(new Error('Discord did not say which message was pressed')));
  return { type: InteractionResponseType.ChannelMessageWithSource, data: renderBlockConfirmation(start.card, origin.messageId) };
};

/** A button on a card, an alert or Block's confirmation: read it, who pressed it and where; the command center decides. */
export const handleComponent = async (ctx: InteractionContext, interaction: ComponentInteraction): Promise<APIInteractionResponse> => {
  const id = parseComponentId(interaction.data.custom_id);
  if (id?.kind === 'cancel') return { type: InteractionResponseType.UpdateMessage, data: { content: 'Not blocked.', components: [] } };
  const who = discordPresserOf(interaction, ctx.homeGuild);
  const channel = interaction.channel_id ?? interaction.channel?.id;
  const pressed = interaction.message;
  if (id?.kind === 'confirm-block') {
    // The confirmation is a private message of its own: the card message it was asked from counts, and only from there.
    const messageId = pressed && (pressed.flags ?? 0) & EPHEMERAL ? id.messageId : pressed?.id;
    return press(ctx, interaction, { ...who, channel, messageId }, id.value);
  }
  // A log line's Undo is pressed in the day's thread: the place is named as the line was recorded.
  const origin = { ...who, ...pressPlaceOf(interaction.channel, channel, pressed?.id) };
  if (id?.kind === 'button' && id.value.button === 'block') return askToBlock(ctx, origin, id.value);
  return press(ctx, interaction, origin, id?.kind === 'button' ? id.value : undefined);
};
