import type { Command, CommandContext } from '../../commands/command.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { DEFAULT_ACK_BUDGET_MS, withinBudget } from './ack-budget.js';
import { wordsAnswer, type CommandAnswer } from './command-answer.js';
import { fitText } from '../domain/fit-text.js';

export interface CommandReplies {
  /** On the acknowledgement itself, which the chat waits for only a few seconds. */
  answerNow: (answer: CommandAnswer) => Promise<void>;
  /** After "working on it": through the chat's follow-up channel (Slack's response_url). */
  answerLater: (answer: CommandAnswer) => Promise<void>;
}

export interface DispatchOptions {
  logger: Logger;
  /** How long to wait before acknowledging with "Working on it…". */
  budgetMs?: number;
}

const REASON_CHARS = 200;
export const WORKING = wordsAnswer('Working on it… the answer will appear here in a moment.');

// Commands throw UsageError; matched by its stable code, so this layer needs only the commands' types.
const isUsageError = (error: unknown): error is Error => error instanceof Error && (error as { code?: unknown }).code === 'command_usage';

const usageAnswer = (command: Command, error: unknown): CommandAnswer => {
  const problem = isUsageError(error) ? error.message : 'I could not read that.';
  const usage = `/${command.name}${command.usage ? ` ${command.usage}` : ''}`;
  return wordsAnswer(problem, '\nUsage: ', { code: usage }, ` — ${command.description}`);
};

/** Never rejects: a failure becomes words for the person and a log line for the operator. */
const answerOf = async (command: Command, ctx: CommandContext, options: unknown, logger: Logger): Promise<CommandAnswer> => {
  try {
    return { kind: 'report', report: await command.execute(ctx, options) };
  } catch (error) {
    logger.error({ err: error, command: command.name }, 'a slash command failed');
    const reason = fitText(errorMessage(error).split('\n')[0] ?? 'unknown error', REASON_CHARS);
    return wordsAnswer(
      `Sorry, /${command.name} could not be answered (${reason}). Try again in a minute; if it keeps failing, run `,
      { code: 'switchboard doctor' },
      '.',
    );
  }
};

/**
 * One slash command from any chat: a bad argument is answered at once with the usage; a report
 * ready within the budget rides on the acknowledgement; a slower one is acknowledged with
 * "Working on it…" and answered later. Returns when the last answer has been handed over.
 */
export const dispatchCommand = async (
  command: Command,
  text: string,
  ctx: CommandContext,
  replies: CommandReplies,
  options: DispatchOptions,
): Promise<void> => {
  let parsed: unknown;
  try {
    parsed = command.parse(text);
  } catch (error) {
    return replies.answerNow(usageAnswer(command, error));
  }
  const work = answerOf(command, ctx, parsed, options.logger);
  const early = await withinBudget(work, options.budgetMs ?? DEFAULT_ACK_BUDGET_MS);
  if (early.done) return replies.answerNow(early.value);
  await replies.answerNow(WORKING);
  await replies.answerLater(await work);
};
