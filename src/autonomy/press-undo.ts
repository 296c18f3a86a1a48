import type { PlatformAction } from '../domain/action.js';
import type { ButtonPress, MayPress, PressResult } from '../domain/press.js';
import { insertUndoAction } from '../store/autonomy-undo-action.js';
import { lockUndo, markUndone, type Undo } from '../store/autonomy-undos.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import type { Action } from '../store/schema.js';

export interface UndoDeps {
  db: Db;
  mayPress: MayPress;
  supports: (platform: string, kind: PlatformAction) => boolean;
  now?: () => Date;
}

/** What takes an automatic action back on the platform, and at what. */
const reversalOf = (action: Action): { kind: PlatformAction; target: string } | undefined => {
  if (action.kind === 'hide') return { kind: 'unhide', target: action.target };
  const replyId = (action.result as { externalId?: string } | null)?.externalId;
  if (action.kind === 'reply' && replyId) return { kind: 'delete', target: replyId };
  return undefined;
};

const hhmm = (at: Date): string => at.toISOString().slice(11, 16);

/** Why this undo cannot be taken now, in words; undefined when it can. */
const refusalOf = (undo: Undo, action: Action, press: ButtonPress, now: Date): string | undefined => {
  if (undo.log_channel !== press.channel || (undo.log_message_id !== null && undo.log_message_id !== press.messageId))
    return 'This Undo was not pressed on its own line in the log thread; use the button there.';
  if (now.getTime() > undo.undo_until.getTime())
    return `Too late to undo: the window closed at ${hhmm(undo.undo_until)} UTC. Take it back on the platform itself.`;
  if (action.status === 'pending' || action.status === 'in_flight') return 'It is still being done; press Undo again in a moment.';
  if (action.status !== 'succeeded') return 'There is nothing to undo: it was never done.';
  return undefined;
};

const refuse = async (db: Db, press: ButtonPress, reason: string): Promise<PressResult> => {
  await writeAudit(db, [
    {
      actor: press.actor,
      action: 'refused:undo',
      subjectType: 'action',
      subjectId: `undo:${press.cardId}`,
      detail: { reason, undoId: press.cardId },
    },
  ]);
  return { outcome: 'refused', reason };
};

/**
 * Undo on a log line, decided in Postgres: the undo's row is locked and marked once, so a second press
 * (or a second person) is told it is already undone; the reversal is one stored action, performed once.
 */
export const pressUndo = async (deps: UndoDeps, press: ButtonPress): Promise<PressResult> => {
  const permission = await deps.mayPress(press, 'undo');
  if (!permission.ok) return refuse(deps.db, press, permission.reason);
  if (!/^\d+$/u.test(press.cardId)) return refuse(deps.db, press, 'This Undo button is not one of ours.');
  const now = deps.now?.() ?? new Date();
  const decided = await deps.db.transaction().execute(async (trx) => decideUndo(trx, deps, press, now));
  return decided.outcome === 'refused' ? refuse(deps.db, press, decided.reason) : decided;
};

const decideUndo = async (trx: Db, deps: UndoDeps, press: ButtonPress, now: Date): Promise<PressResult> => {
  const found = await lockUndo(trx, press.cardId);
  if (!found) return { outcome: 'refused', reason: 'This automatic action is no longer known.' };
  const { undo, action } = found;
  if (undo.undone_at) return { outcome: 'too_late', by: undo.undone_by ?? 'someone', what: 'undid it', at: undo.undone_at };
  const refusal = refusalOf(undo, action, press, now);
  if (refusal) return { outcome: 'refused', reason: refusal };
  const reversal = reversalOf(action);
  if (!reversal || !deps.supports(action.platform, reversal.kind))
    return { outcome: 'refused', reason: `${action.platform} cannot take back a ${action.kind.replace('_', ' ')}.` };
  const undoActionId = await insertUndoAction(trx, { undoId: undo.id, action, ...reversal, requestedBy: press.actor });
  await markUndone(trx, undo.id, press.actor, now, undoActionId);
  await writeAudit(trx, [
    {
      actor: press.actor,
      action: 'autonomy:undo',
      subjectType: 'action',
      subjectId: action.id,
      detail: {
        undoId: undo.id,
        rule: undo.rule,
        kind: action.kind,
        undoActionId,
        why: `undid rule ${undo.rule}’s automatic ${action.kind}`,
      },
    },
  ]);
  return { outcome: 'accepted', cardId: undo.id, actionId: undoActionId, escalationIds: [], note: 'undid the automatic action' };
};
