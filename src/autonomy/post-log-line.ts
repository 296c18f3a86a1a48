import type { ChatAdapter } from '../domain/chat.js';
import { ensureLogThread, findUndo, recordLogMessage } from '../store/autonomy-undos.js';
import type { Db } from '../store/db.js';
import { findMessageRow } from '../store/messages.js';
import { logLineOf } from './log-line.js';

export interface LogDeps {
  db: Db;
  chats: ReadonlyMap<string, ChatAdapter>;
  now: () => Date;
}

export type LogOutcome = 'posted' | 'updated' | 'already' | 'no_log' | 'missing';

/**
 * An automatic action's line in the card channel's log thread (one thread a day, started on the day's
 * first line), or the line redrawn once undone. A line already posted is not posted twice.
 */
export const postLogLine = async (deps: LogDeps, undoId: string, state: 'post' | 'undone'): Promise<LogOutcome> => {
  const found = await findUndo(deps.db, undoId);
  if (!found) return 'missing';
  const { undo, action } = found;
  const chat = undo.log_chat ? deps.chats.get(undo.log_chat) : undefined;
  const channel = undo.log_channel;
  if (!chat?.postLogLine || !chat.updateLogLine || !channel) return 'no_log';
  const message = action.message_id ? await findMessageRow(deps.db, action.message_id) : undefined;
  const line = logLineOf({ undo, action, messageText: message?.text ?? null });
  if (undo.log_message_id) {
    if (state === 'post' && !undo.undone_at) return 'already';
    await chat.updateLogLine(channel, undo.log_message_id, line);
    return 'updated';
  }
  const day = deps.now().toISOString().slice(0, 10);
  const post = chat.postLogLine;
  const threadId = await ensureLogThread(deps.db, { chat: chat.chat, channel, day }, () =>
    post(channel, undefined, { text: `🤖 Automatic actions, ${day}: one line each, with Undo while it can still be taken back.` }),
  );
  await recordLogMessage(deps.db, undoId, await post(channel, threadId, line));
  return 'posted';
};
