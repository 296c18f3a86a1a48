import type { App } from '@slack/bolt';
import type { Command, CommandContext } from '../../../commands/command.js';
import { dispatchCommand, type CommandReplies } from '../../../src/command-center/dispatch-command.js';
import type { Logger } from '../../../src/logger.js';
import { renderAnswer } from './render-answer.js';

export interface SlackCommandOptions {
  /** How long to wait before acknowledging with "Working on it…"; Slack gives up after 3 s. */
  budgetMs?: number;
}

/**
 * Registers each command as a Slack slash command. An answer ready within the budget rides on the
 * acknowledgement itself; a later one goes through response_url. Answers are private (ephemeral).
 */
export const registerSlackCommands = (
  app: App,
  commands: readonly Command[],
  ctx: CommandContext,
  logger: Logger,
  options: SlackCommandOptions = {},
): void => {
  for (const command of commands) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond }) => {
      const replies: CommandReplies = {
        answerNow: (answer) => ack({ response_type: 'ephemeral', ...renderAnswer(answer) }),
        answerLater: (answer) =>
          respond({ response_type: 'ephemeral', replace_original: true, ...renderAnswer(answer) }).then(
            () => undefined,
            (error: unknown) =>
              logger.warn({ err: error, command: command.name }, 'could not deliver a slash command answer through response_url'),
          ),
      };
      await dispatchCommand(command, payload.text ?? '', ctx, replies, { logger, budgetMs: options.budgetMs });
    });
  }
};
