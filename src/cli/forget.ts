import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Config } from '../config.js';
import { errorMessage } from '../errors.js';
import { createQueues, redisForQueues } from '../jobs/queues.js';
import { forgetAuthor, type ForgetOutcome } from '../retention/forget-author.js';
import { connectDb } from '../store/db.js';

export interface ForgetIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Who runs the command (the OS user by default): the audit line names them. */
  user?: string;
}

export const FORGET_USAGE = `usage: switchboard forget --platform P --author ID

Erases a person's texts, name and raw events everywhere (rows and counts stay), redacts their
cards in the chat ("removed at the author's request") and records the erasure in the audit log.
P is the platform as stored (facebook, instagram, messenger, whatsapp…); ID is their id there.
`;

const argsSchema = z.object({
  platform: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]*$/u, { error: 'expected --platform, such as facebook' }),
  author: z.string().trim().min(1, { error: 'expected --author, the person’s id on that platform' }),
});

const parseForgetArgs = (args: string[]) => {
  const { values } = parseArgs({ args, options: { platform: { type: 'string' }, author: { type: 'string' } } });
  return argsSchema.safeParse({ platform: values.platform ?? '', author: values.author ?? '' });
};

const summary = (outcome: ForgetOutcome): string => {
  const { counts } = outcome;
  if (!outcome.found && counts.rawEvents === 0) return 'nothing stored for that author: nothing erased';
  return [
    `erased: ${counts.messages} messages, ${counts.decisions} decisions, ${counts.cards} cards, ${counts.actions} actions,`,
    `${counts.escalations} escalations, ${counts.auditEntries} audit entries, ${counts.conversations} conversations,`,
    `${counts.contacts} contact names, ${counts.rawEvents} raw events; ${outcome.cardsQueued} cards queued for redaction in the chat`,
  ].join(' ');
};

/** `switchboard forget`: returns the exit code. */
export const runForget = async (args: string[], config: Readonly<Config>, io: ForgetIo): Promise<number> => {
  let parsed: ReturnType<typeof parseForgetArgs>;
  try {
    parsed = parseForgetArgs(args);
  } catch (error) {
    io.stderr.write(`switchboard forget: ${errorMessage(error)}\n${FORGET_USAGE}`);
    return 2;
  }
  if (!parsed.success) {
    io.stderr.write(`switchboard forget: ${parsed.error.issues[0]?.message ?? 'invalid arguments'}\n${FORGET_USAGE}`);
    return 2;
  }
  const handle = connectDb(config.databaseUrl, { max: 2 });
  const queues = createQueues(redisForQueues(config.redisUrl), config.queuePrefix);
  try {
    const actor = `cli:${io.user ?? userInfo().username}`;
    const request = { platform: parsed.data.platform, authorId: parsed.data.author, actor };
    io.stdout.write(`${summary(await forgetAuthor({ db: handle.db, queues }, request))}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`switchboard forget: ${errorMessage(error)} — it is safe to run again once Postgres and Redis answer\n`);
    return 1;
  } finally {
    await queues.close();
    queues.connection.disconnect();
    await handle.close();
  }
};
