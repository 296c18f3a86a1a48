import { type APIInteractionResponse, InteractionResponseType } from 'discord.js';
import type { Command, CommandContext } from '../../../commands/command.js';
import type { CommandAnswer } from '../../../src/command-center/command-answer.js';
import { type CommandReplies, WORKING } from '../../../src/command-center/dispatch-command.js';
import { runCommand } from '../../../src/command-center/run-command.js';
import { discordPresserOf } from './discord-people.js';
import { answerPrivately, editOriginal, EPHEMERAL, type InteractionContext } from './interaction-replies.js';
import type { CommandInteraction } from './interaction-schema.js';
import { renderAnswer } from './render-answer.js';

/** Every command takes its text in one optional option of this name (see application-commands.ts). */
export const ARGUMENTS_OPTION = 'arguments';

const argumentsOf = (interaction: CommandInteraction): string =>
  String(interaction.data.options?.find((option) => option.name === ARGUMENTS_OPTION)?.value ?? '');

const initialAnswer = (answer: CommandAnswer): APIInteractionResponse =>
  answer === WORKING
    ? { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: EPHEMERAL } }
    : { type: InteractionResponseType.ChannelMessageWithSource, data: { flags: EPHEMERAL, ...renderAnswer(answer) } };

/**
 * /sla and /kpi, privately: a report ready within the budget is the answer itself; a slower one is
 * answered "deferred" (Discord shows "thinking…") and the report replaces it when it is ready.
 */
export const handleCommand = (
  ctx: InteractionContext,
  interaction: CommandInteraction,
  commands: readonly Command[],
  kpiContext: CommandContext,
): Promise<APIInteractionResponse> => {
  const command = commands.find((candidate) => candidate.name === interaction.data.name);
  if (!command) return Promise.resolve(answerPrivately(`I do not know /${interaction.data.name}; run switchboard discord register again.`));
  return new Promise((resolve) => {
    let answered = false;
    const replies: CommandReplies = {
      answerNow: async (answer) => {
        answered = true;
        resolve(initialAnswer(answer));
      },
      answerLater: (answer) => editOriginal(ctx, interaction.token, renderAnswer(answer)),
    };
    const who = discordPresserOf(interaction, ctx.homeGuild);
    runCommand(ctx.center, who, { command, text: argumentsOf(interaction), ctx: kpiContext }, replies, {
      logger: ctx.logger,
      budgetMs: ctx.budgetMs,
    })
      .catch((error: unknown) => ctx.logger.error({ err: error, command: command.name }, 'a Discord slash command failed'))
      .finally(() => {
        if (!answered) resolve(answerPrivately(`Sorry, /${command.name} could not be answered; try again in a minute.`));
      });
  });
};
