import type { App } from '@slack/bolt';
import type { Command, CommandContext } from '../../../commands/command.js';
import type { CommandCenter } from '../../../src/command-center/command-center.js';
import type { CommandReplies } from '../../../src/command-center/dispatch-command.js';
import { runCommand } from '../../../src/command-center/run-command.js';
import type { Logger } from '../../../src/logger.js';
import { renderAnswer } from './render-answer.js';
import { createSlackPresserOf, type SlackPresserOf } from './slack-people.js';

export interface SlackCommandOptions {
  /** Who may run reports; every run and refusal is audited there. */
  mayRun: CommandCenter['mayRun'];
  /** Who sent a request; by default learnt through the app's own client. */
  presserOf?: SlackPresserOf;
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
  options: SlackCommandOptions,
): void => {
  const presserOf = options.presserOf ?? createSlackPresserOf(app.client);
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
      // Slash commands carry no user team: the person's own workspace comes from users.info.
      const who = await presserOf({ userId: payload.user_id, workspace: payload.team_id, userWorkspace: undefined });
      await runCommand({ mayRun: options.mayRun }, who, { command, text: payload.text ?? '', ctx }, replies, {
        logger,
        budgetMs: options.budgetMs,
      });
    });
  }
};
