import type { PlatformActionResult } from '../domain/source.js';
import { markActionFailed, markActionSucceeded, markActionUnknown } from '../store/actions.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import type { Action } from '../store/schema.js';
import { recordActionEffects } from './record-effects.js';

/** Done: the outcome, what it changes in our records and the audit line, in one transaction; undefined if settled already. */
export const settleSucceeded = async (
  db: Db,
  action: Action,
  result: PlatformActionResult,
  options: { verified: boolean; now: () => Date },
): Promise<Action | undefined> =>
  db.transaction().execute(async (trx) => {
    const settled = await markActionSucceeded(trx, action.id, { ...result, verified: options.verified });
    if (!settled) return undefined;
    await recordActionEffects(trx, settled, result, options.now);
    await writeAudit(trx, [
      {
        actor: settled.requested_by,
        action: `${settled.kind}:succeeded`,
        subjectType: 'action',
        subjectId: settled.id,
        detail: { target: settled.target, externalId: result.externalId ?? null, verified: options.verified },
      },
    ]);
    return settled;
  });

export const settleFailed = async (db: Db, action: Action, error: string): Promise<Action> =>
  db.transaction().execute(async (trx) => {
    const failed = await markActionFailed(trx, action.id, error);
    await writeAudit(trx, [
      { actor: failed.requested_by, action: `${failed.kind}:failed`, subjectType: 'action', subjectId: failed.id, detail: { error } },
    ]);
    return failed;
  });

/** Unknown: the last attempt never heard back and the platform cannot tell; undefined if settled already. */
export const settleUnknown = async (db: Db, action: Action, reason: string): Promise<Action | undefined> =>
  db.transaction().execute(async (trx) => {
    const unknown = await markActionUnknown(trx, action.id, reason);
    if (!unknown) return undefined;
    await writeAudit(trx, [
      { actor: unknown.requested_by, action: `${unknown.kind}:unknown`, subjectType: 'action', subjectId: unknown.id, detail: { reason } },
    ]);
    return unknown;
  });
