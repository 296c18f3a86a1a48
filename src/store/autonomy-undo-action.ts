import type { PlatformAction } from '../domain/action.js';
import type { Db } from './db.js';
import type { Action } from './schema.js';

/** The platform action that reverses an automatic one: keyed by the undo, so it is stored once. */
export const insertUndoAction = async (
  trx: Db,
  reversal: { undoId: string; action: Action; kind: PlatformAction; target: string; requestedBy: string },
): Promise<string> => {
  const { action } = reversal;
  const accountId = (action.payload as { accountId?: string }).accountId ?? null;
  // Deleting our reply acts on the reply's own message row (marked deleted on success), not on the comment it answered.
  const reply =
    reversal.kind === 'delete'
      ? await trx
          .selectFrom('messages')
          .select('id')
          .where('platform', '=', action.platform)
          .where('external_id', '=', reversal.target)
          .executeTakeFirst()
      : undefined;
  const inserted = await trx
    .insertInto('actions')
    .values({
      idempotency_key: `undo-${reversal.undoId}`,
      kind: reversal.kind,
      platform: action.platform,
      target: reversal.target,
      payload: JSON.stringify({ accountId, text: null, via: 'undo' }),
      requested_by: reversal.requestedBy,
      conversation_id: action.conversation_id,
      message_id: reversal.kind === 'delete' ? (reply?.id ?? null) : action.message_id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
};
