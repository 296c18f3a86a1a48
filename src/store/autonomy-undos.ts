import { sql } from 'kysely';
import type { Db } from './db.js';
import type { Undo } from './autonomy-schema.js';
import type { Action } from './schema.js';

export type { Undo } from './autonomy-schema.js';

export interface UndoToOpen {
  actionId: string;
  rule: string;
  undoUntil: Date;
  log: { chat: string; channel: string } | undefined;
}

/** An automatic action's way back; an action has at most one (a redelivered event opens nothing new). */
export const openUndos = async (trx: Db, undos: UndoToOpen[]): Promise<string[]> => {
  if (undos.length === 0) return [];
  const rows = await trx
    .insertInto('autonomy_undos')
    .values(
      undos.map((undo) => ({
        action_id: undo.actionId,
        rule: undo.rule,
        undo_until: undo.undoUntil,
        log_chat: undo.log?.chat ?? null,
        log_channel: undo.log?.channel ?? null,
      })),
    )
    .onConflict((conflict) => conflict.column('action_id').doNothing())
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
};

/** The undo and the action it would reverse, the undo's row locked (two presses wait for each other). */
export const lockUndo = async (trx: Db, undoId: string): Promise<{ undo: Undo; action: Action } | undefined> => {
  const undo = await trx.selectFrom('autonomy_undos').selectAll().where('id', '=', undoId).forUpdate().executeTakeFirst();
  if (!undo) return undefined;
  const action = await trx.selectFrom('actions').selectAll().where('id', '=', undo.action_id).executeTakeFirstOrThrow();
  return { undo, action };
};

export const findUndo = async (db: Db, undoId: string): Promise<{ undo: Undo; action: Action } | undefined> => {
  const undo = await db.selectFrom('autonomy_undos').selectAll().where('id', '=', undoId).executeTakeFirst();
  if (!undo) return undefined;
  const action = await db.selectFrom('actions').selectAll().where('id', '=', undo.action_id).executeTakeFirstOrThrow();
  return { undo, action };
};

/** Marks it taken, once: false when someone undid it first. */
export const markUndone = async (trx: Db, undoId: string, by: string, at: Date, undoActionId: string): Promise<boolean> => {
  const marked = await trx
    .updateTable('autonomy_undos')
    .set({ undone_by: by, undone_at: at, undo_action_id: undoActionId })
    .where('id', '=', undoId)
    .where('undone_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return marked !== undefined;
};

export const recordLogMessage = async (db: Db, undoId: string, messageId: string): Promise<void> => {
  await db.updateTable('autonomy_undos').set({ log_message_id: messageId }).where('id', '=', undoId).execute();
};

/** The day's log thread of a channel, or undefined when it is not posted yet. */
export const findLogThread = async (db: Db, place: { chat: string; channel: string; day: string }): Promise<string | undefined> => {
  const row = await db
    .selectFrom('autonomy_log_threads')
    .select('thread_id')
    .where('chat', '=', place.chat)
    .where('channel', '=', place.channel)
    .where('day', '=', place.day)
    .executeTakeFirst();
  return row?.thread_id ?? undefined;
};

/**
 * Runs `post` (the thread's first message) under a transaction-scoped advisory lock on the day and
 * channel, so two workers never start two threads for one day; returns the thread's id.
 */
export const ensureLogThread = async (
  db: Db,
  place: { chat: string; channel: string; day: string },
  post: () => Promise<string>,
): Promise<string> =>
  db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`autonomy-log:${place.chat}:${place.channel}:${place.day}`}))`.execute(trx);
    const existing = await findLogThread(trx, place);
    if (existing) return existing;
    const threadId = await post();
    await trx
      .insertInto('autonomy_log_threads')
      .values({ ...place, thread_id: threadId })
      .onConflict((conflict) => conflict.columns(['chat', 'channel', 'day']).doUpdateSet({ thread_id: threadId }))
      .execute();
    return threadId;
  });
