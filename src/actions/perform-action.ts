import { z } from 'zod';
import type { PlatformActionRequest, PlatformActionResult, PlatformClient } from '../domain/source.js';
import { PLATFORM_ACTIONS } from '../domain/action.js';
import { PermanentPlatformError, RateLimitedError, errorMessage } from '../errors.js';
import { claimNextAttempt, markActionFailed, markActionSucceeded, returnActionToPending } from '../store/actions.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import type { Action } from '../store/schema.js';
import { recordActionEffects } from './record-effects.js';

export interface ActionDeps {
  db: Db;
  platformClients: ReadonlyMap<string, PlatformClient>;
  /** The clock for what a succeeded action records (the reply's time); the system clock by default. */
  now?: () => Date;
}

const systemClock = () => new Date();

export type ActionOutcome =
  | { status: 'succeeded'; action: Action; verified: boolean }
  | { status: 'failed'; action: Action; error: string }
  | { status: 'skipped'; action: Action | undefined };

const payloadSchema = z.object({ accountId: z.string(), text: z.string().nullable().optional() });

const toRequest = (action: Action): PlatformActionRequest => {
  const payload = payloadSchema.parse(action.payload);
  const kind = z.enum(PLATFORM_ACTIONS).parse(action.kind);
  return {
    kind,
    platform: action.platform,
    accountId: payload.accountId,
    target: action.target,
    ...(payload.text ? { text: payload.text } : {}),
  };
};

const settle = async (deps: ActionDeps, action: Action, result: PlatformActionResult, verified: boolean) =>
  deps.db.transaction().execute(async (trx) => {
    const settled = await markActionSucceeded(trx, action.id, { ...result, verified });
    if (!settled) return undefined;
    await recordActionEffects(trx, settled, result, deps.now ?? systemClock);
    await writeAudit(trx, [
      {
        actor: settled.requested_by,
        action: `${settled.kind}:succeeded`,
        subjectType: 'action',
        subjectId: settled.id,
        detail: { target: settled.target, externalId: result.externalId ?? null, verified },
      },
    ]);
    return settled;
  });

const fail = async (db: Db, action: Action, error: string) =>
  db.transaction().execute(async (trx) => {
    const failed = await markActionFailed(trx, action.id, error);
    await writeAudit(trx, [
      { actor: failed.requested_by, action: `${failed.kind}:failed`, subjectType: 'action', subjectId: failed.id, detail: { error } },
    ]);
    return failed;
  });

/**
 * Carry out one stored action at most once. An action found in flight means an earlier attempt died
 * without recording its outcome: the platform is asked first, and the call is made only if it did not happen.
 */
export const performAction = async (deps: ActionDeps, actionId: string, options: { lastAttempt: boolean }): Promise<ActionOutcome> => {
  const { current, claimed } = await claimNextAttempt(deps.db, actionId);
  if (!claimed) return { status: 'skipped', action: current };
  const { action, previousStatus } = claimed;

  const client = deps.platformClients.get(action.platform);
  let request: PlatformActionRequest;
  try {
    request = toRequest(action);
  } catch (error) {
    return {
      status: 'failed',
      action: await fail(deps.db, action, `stored action is malformed: ${errorMessage(error)}`),
      error: 'malformed',
    };
  }
  if (!client?.supports(action.platform, request.kind)) {
    const error = `${action.platform} cannot ${request.kind}: no adapter configured for it`;
    return { status: 'failed', action: await fail(deps.db, action, error), error };
  }

  if (previousStatus === 'in_flight') {
    const found = await client.findCompleted(request, action.started_at ?? action.created_at);
    if (found) {
      const settled = await settle(deps, action, found, true);
      return settled ? { status: 'succeeded', action: settled, verified: true } : { status: 'skipped', action };
    }
  }

  try {
    const result = await client.perform(request);
    const settled = await settle(deps, action, result, false);
    return settled ? { status: 'succeeded', action: settled, verified: false } : { status: 'skipped', action };
  } catch (error) {
    if (error instanceof RateLimitedError) {
      // The platform refused before doing anything: back to pending, to be retried when it says.
      await returnActionToPending(deps.db, action.id);
      throw error;
    }
    if (error instanceof PermanentPlatformError || options.lastAttempt) {
      const message = errorMessage(error);
      return { status: 'failed', action: await fail(deps.db, action, message), error: message };
    }
    // Outcome unknown (timeout, 5xx, reset): stay in flight so the retry checks the platform first.
    throw error;
  }
};
