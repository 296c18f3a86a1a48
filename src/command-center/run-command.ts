import type { Command, CommandContext } from '../../commands/command.js';
import type { Presser } from '../domain/press.js';
import { wordsAnswer } from './command-answer.js';
import type { CommandCenter } from './command-center.js';
import { dispatchCommand, type CommandReplies, type DispatchOptions } from './dispatch-command.js';

/** Words for someone who may not see a report: what was refused and why. */
export const commandRefusalWords = (command: Command, reason: string): string => `I cannot show /${command.name}: ${reason}`;

/** A slash command from any chat: checked against the `reports` permission (and audited), then dispatched. */
export const runCommand = async (
  center: Pick<CommandCenter, 'mayRun'>,
  who: Presser,
  request: { command: Command; text: string; ctx: CommandContext },
  replies: CommandReplies,
  options: DispatchOptions,
): Promise<void> => {
  const { command, text, ctx } = request;
  const permission = await center.mayRun(who, { name: command.name, args: text });
  if (!permission.ok) return replies.answerNow(wordsAnswer(commandRefusalWords(command, permission.reason)));
  return dispatchCommand(command, text, ctx, replies, options);
};
