import { hostname } from 'node:os';
import { z } from 'zod';
import { PLATFORM_ACTIONS } from '../domain/action.js';
import type { PlatformActionRequest, PlatformActionResult, PlatformClient } from '../domain/source.js';
import { errorMessage, PermanentPlatformError, RateLimitedError } from '../errors.js';
import { claimNextAttempt, returnActionToPending } from '../store/actions.js';
import type { Db } from '../store/db.js';
import type { Action } from '../store/schema.js';
import { checkPlatform } from './check-platform.js';
import { settleFailed, settleSucceeded, settleUnknown } from './settle-action.js';

export interface ActionDeps {
  db: Db;
  platformClients: ReadonlyMap<string, PlatformClient>;
  /** The clock for what a succeeded action records (the reply's time); the system clock by default. */
  now?: () => Date;
  /** Who attempts actions (this worker); host and process id by default. */
  owner?: string;
  /** How long an attempt holds its action before it counts as stuck; longer than any platform call. */
  leaseMs?: number;
}

const systemClock = () => new Date();
const DEFAULT_OWNER = `${hostname()}:${process.pid}`;
export const DEFAULT_LEASE_MS = 60_000;

export type ActionOutcome =
  | { status: 'succeeded'; action: Action; verified: boolean }
  | { status: 'failed'; action: Action; error: string }
  | { status: 'unknown'; action: Action; reason: string }
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
    actionId: action.id,
    idempotencyKey: action.idempotency_key,
    ...(payload.text ? { text: payload.text } : {}),
  };
};

interface Attempt {
  deps: ActionDeps;
  action: Action;
  client: PlatformClient;
  request: PlatformActionRequest;
  lastAttempt: boolean;
  resendApprovedBy: string | null;
}

const succeeded = async ({ deps, action }: Attempt, result: PlatformActionResult, verified: boolean): Promise<ActionOutcome> => {
  const settled = await settleSucceeded(deps.db, action, result, { verified, now: deps.now ?? systemClock });
  return settled ? { status: 'succeeded', action: settled, verified } : { status: 'skipped', action };
};

const failed = async ({ deps, action }: Attempt, error: string): Promise<ActionOutcome> => ({
  status: 'failed',
  action: await settleFailed(deps.db, action, error),
  error,
});

const unknown = async ({ deps, action }: Attempt, reason: string): Promise<ActionOutcome> => {
  const settled = await settleUnknown(deps.db, action, reason);
  return settled ? { status: 'unknown', action: settled, reason } : { status: 'skipped', action };
};

/** The platform call itself; an answer that never came leaves the outcome unknown. */
const call = async (attempt: Attempt): Promise<ActionOutcome> => {
  try {
    return await succeeded(attempt, await attempt.client.perform(attempt.request), false);
  } catch (error) {
    if (error instanceof RateLimitedError) {
      // The platform refused before doing anything: back to pending, to be retried when it says.
      await returnActionToPending(attempt.deps.db, attempt.action.id);
      throw error;
    }
    if (error instanceof PermanentPlatformError) return failed(attempt, errorMessage(error));
    // Timeout, 5xx, reset: it may have happened. The last attempt records that; others stay in flight for a check.
    if (attempt.lastAttempt) return unknown(attempt, `no answer from ${attempt.action.platform}: ${errorMessage(error)}`);
    throw error;
  }
};

/** Before trying again after an outcome we never learnt: did it happen? Send only if it did not, or a person said so. */
const checkThenCall = async (attempt: Attempt): Promise<ActionOutcome> => {
  const { action, client, request, lastAttempt, resendApprovedBy } = attempt;
  const readBack = await checkPlatform(client, request, action.started_at ?? action.created_at, lastAttempt);
  if (readBack.status === 'done') return succeeded(attempt, readBack.result, true);
  if (readBack.status === 'not_done' || resendApprovedBy !== null) return call(attempt);
  return unknown(attempt, `the outcome could not be confirmed: ${readBack.reason}`);
};

/**
 * Carry out one stored action at most once. An action found in flight (an earlier attempt died without
 * recording its outcome) or sent again after an unknown outcome is first looked up on the platform.
 */
export const performAction = async (deps: ActionDeps, actionId: string, options: { lastAttempt: boolean }): Promise<ActionOutcome> => {
  const owner = { owner: deps.owner ?? DEFAULT_OWNER, leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS };
  const { current, claimed } = await claimNextAttempt(deps.db, actionId, owner);
  if (!claimed) return { status: 'skipped', action: current };
  const { action, previousStatus, verifyFirst, resendApprovedBy } = claimed;
  const client = deps.platformClients.get(action.platform);
  let request: PlatformActionRequest;
  try {
    request = toRequest(action);
  } catch (error) {
    const message = `stored action is malformed: ${errorMessage(error)}`;
    return { status: 'failed', action: await settleFailed(deps.db, action, message), error: 'malformed' };
  }
  if (!client?.supports(action.platform, request.kind)) {
    const error = `${action.platform} cannot ${request.kind}: no adapter configured for it`;
    return { status: 'failed', action: await settleFailed(deps.db, action, error), error };
  }
  const attempt: Attempt = { deps, action, client, request, lastAttempt: options.lastAttempt, resendApprovedBy };
  return previousStatus === 'in_flight' || verifyFirst ? checkThenCall(attempt) : call(attempt);
};
