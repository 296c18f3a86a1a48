import { cancelAction, requestAnotherAttempt } from '../store/actions.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import type { Action } from '../store/schema.js';

/*
 * A person's or an operator's decision about an action that did not end well, always on the same row
 * (the same identity), always audited. The platform call itself is queued by the caller.
 */

const audit = (trx: Db, actor: string, action: Action, what: string, detail: Record<string, unknown> = {}) =>
  writeAudit(trx, [{ actor, action: `${action.kind}:${what}`, subjectType: 'action', subjectId: action.id, detail }]);

/**
 * Try the action again. A refusal is tried again as it was; anything whose outcome is unknown is first
 * looked up on the platform, and sent only if it did not happen. Undefined when it cannot be retried now.
 */
export const retryAction = async (trx: Db, action: Action, actor: string): Promise<Action | undefined> => {
  const retried = await requestAnotherAttempt(trx, action.id, { verifyFirst: action.status !== 'failed', approvedBy: null });
  if (retried) await audit(trx, actor, retried, 'retry_requested', { was: action.status });
  return retried;
};

/** Send again although the platform cannot tell whether the first send went out: a person's explicit decision. */
export const approveSendAgain = async (trx: Db, action: Action, actor: string): Promise<Action | undefined> => {
  const approved = await requestAnotherAttempt(trx, action.id, { verifyFirst: true, approvedBy: actor });
  if (approved) await audit(trx, actor, approved, 'send_again_approved', { was: action.status, error: action.error });
  return approved;
};

/** Give the action up. Undefined when it is done, already given up, or being attempted right now. */
export const cancelOneAction = async (trx: Db, action: Action, actor: string): Promise<Action | undefined> => {
  const cancelled = await cancelAction(trx, action.id, `cancelled by ${actor}`);
  if (cancelled) await audit(trx, actor, cancelled, 'cancelled', { was: action.status, error: action.error });
  return cancelled;
};
