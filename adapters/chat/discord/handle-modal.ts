import type { APIInteractionResponse } from 'discord.js';
import { withinBudget } from '../../../src/command-center/ack-budget.js';
import { submitEdit } from '../../../src/command-center/edit-flow.js';
import { explainPress, pressFailedWords } from '../../../src/command-center/explain-press.js';
import { DISCORD_WORDING } from './discord-mention.js';
import { discordPresserOf } from './discord-people.js';
import { parseEditSubmission } from './edit-modal.js';
import { answerPrivately, DEFERRED_UPDATE, followUpPrivately, type InteractionContext } from './interaction-replies.js';
import type { ModalInteraction } from './interaction-schema.js';

/** Words for the editor, or undefined when the edit went through (the card and its thread say so). */
const submitSafely = async (ctx: InteractionContext, interaction: ModalInteraction): Promise<string | undefined> => {
  try {
    const who = discordPresserOf(interaction, ctx.homeGuild);
    const outcome = await submitEdit(ctx.center, who, parseEditSubmission(interaction), async () => undefined);
    return 'problem' in outcome ? outcome.problem : explainPress(outcome.result, DISCORD_WORDING);
  } catch (error) {
    ctx.logger.error({ err: error }, 'a Discord edit submission failed');
    return pressFailedWords(error);
  }
};

/**
 * Edit's Send. Discord cannot show a problem inside the form, so problems and refusals come as
 * private words; an edit slower than the budget is acknowledged first and explained in a follow-up.
 */
export const handleModal = async (ctx: InteractionContext, interaction: ModalInteraction): Promise<APIInteractionResponse> => {
  const work = submitSafely(ctx, interaction);
  const early = await withinBudget(work, ctx.budgetMs);
  if (early.done) return early.value ? answerPrivately(early.value) : DEFERRED_UPDATE;
  void work.then((words) => (words ? followUpPrivately(ctx, interaction.token, words) : undefined));
  return DEFERRED_UPDATE;
};
