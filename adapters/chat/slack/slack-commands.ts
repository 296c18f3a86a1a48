import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/web-api';
import { UsageError, type Command, type CommandContext } from '../../../commands/command.js';
import { errorMessage } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import { renderReport } from './render-report.js';
import { escapeMrkdwn, fitPlain } from './slack-text.js';

export interface SlackCommandOptions {
  /** How long to wait before acknowledging with "Working on it…"; Slack gives up after 3 s. */
  budgetMs?: number;
}

interface Answer {
  text: string;
  blocks?: KnownBlock[];
}

const DEFAULT_BUDGET_MS = 2_000;
const WORKING = 'Working on it… the answer will appear here in a moment.';

const usageText = (command: Command, problem: string): string =>
  `${escapeMrkdwn(problem)}\nUsage: \`/${command.name}${command.usage ? ` ${command.usage}` : ''}\` — ${escapeMrkdwn(command.description)}`;

/** Never rejects: a failure becomes words for the person and a log line for the operator. */
const answer = async (command: Command, ctx: CommandContext, options: unknown, logger: Logger): Promise<Answer> => {
  try {
    return renderReport(await command.execute(ctx, options));
  } catch (error) {
    logger.error({ err: error, command: command.name }, 'a slash command failed');
    const reason = fitPlain(errorMessage(error).split('\n')[0] ?? 'unknown error', 200);
    return {
      text: `Sorry, /${command.name} could not be answered (${escapeMrkdwn(reason)}). Try again in a minute; if it keeps failing, run \`switchboard doctor\`.`,
    };
  }
};

const withinBudget = async <T>(work: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Registers each command as a Slack slash command. Slack waits 3 s for the acknowledgement, so a
 * report ready within the budget rides on the ack itself; a slower one is acked with "Working on
 * it…" and delivered through response_url when it is ready.
 */
export const registerSlackCommands = (
  app: App,
  commands: readonly Command[],
  ctx: CommandContext,
  logger: Logger,
  options: SlackCommandOptions = {},
): void => {
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  for (const command of commands) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond }) => {
      let parsed: unknown;
      try {
        parsed = command.parse(payload.text ?? '');
      } catch (error) {
        const problem = error instanceof UsageError ? error.message : 'I could not read that.';
        await ack({ response_type: 'ephemeral', text: usageText(command, problem) });
        return;
      }
      const work = answer(command, ctx, parsed, logger);
      const early = await withinBudget(work, budgetMs);
      if (early.done) {
        await ack({ response_type: 'ephemeral', ...early.value });
        return;
      }
      await ack({ response_type: 'ephemeral', text: WORKING });
      const late = await work;
      await respond({ response_type: 'ephemeral', replace_original: true, ...late }).catch((error: unknown) =>
        logger.warn({ err: error, command: command.name }, 'could not deliver a slash command answer through response_url'),
      );
    });
  }
};
