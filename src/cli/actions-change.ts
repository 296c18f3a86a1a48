import { announceActionOutcome } from '../cards/announce-outcome.js';
import { performAction, type ActionDeps } from '../actions/perform-action.js';
import { cancelOneAction, retryAction } from '../actions/retry-action.js';
import type { WorkQueue } from '../domain/work-queue.js';
import { findAction } from '../store/actions.js';
import type { Action } from '../store/schema.js';

export interface ActionChangeDeps extends ActionDeps {
  queues: WorkQueue;
  actor: string;
}

const notNow = (action: Action, verb: string): string => {
  if (action.status === 'succeeded') return `action ${action.id} is done already; there is nothing to ${verb}`;
  if (action.status === 'cancelled') return `action ${action.id} was cancelled; there is nothing to ${verb}`;
  const until = action.lease_until ? ` until ${action.lease_until.toISOString()}` : '';
  return `action ${action.id} is being attempted right now (by ${action.owner ?? 'a worker'}${until}); try again after that`;
};

const load = async (deps: ActionChangeDeps, id: string): Promise<Action> => {
  const action = /^\d+$/u.test(id) ? await findAction(deps.db, id) : undefined;
  if (!action) throw new Error(`no action ${id} — see the ids in: switchboard actions`);
  return action;
};

/**
 * Retry one action here and now, through the worker's own path: the platform is asked first where the
 * outcome is unknown, and the action is sent only if it did not happen. Returns the line to print.
 */
export const retryFromCli = async (deps: ActionChangeDeps, id: string): Promise<string> => {
  const action = await load(deps, id);
  const retried = await deps.db.transaction().execute((trx) => retryAction(trx, action, deps.actor));
  if (!retried) throw new Error(notNow(action, 'retry'));
  const outcome = await performAction(deps, retried.id, { lastAttempt: true });
  if (outcome.status === 'skipped') return `action ${id}: another worker settled it meanwhile`;
  await announceActionOutcome(deps, outcome);
  switch (outcome.status) {
    case 'succeeded':
      return outcome.verified
        ? `action ${id}: it had already happened on ${action.platform}; nothing was sent again`
        : `action ${id}: done (${action.platform} accepted it)`;
    case 'failed':
      return `action ${id}: ${action.platform} refused: ${outcome.error}`;
    case 'unknown':
      return `action ${id}: still unknown — ${outcome.reason}; nothing was sent. Press Send again on its card to send it anyway`;
  }
};

/** Give one action up: recorded, audited, and its card says so. Returns the line to print. */
export const cancelFromCli = async (deps: ActionChangeDeps, id: string): Promise<string> => {
  const action = await load(deps, id);
  const cancelled = await deps.db.transaction().execute((trx) => cancelOneAction(trx, action, deps.actor));
  if (!cancelled) throw new Error(notNow(action, 'cancel'));
  await announceActionOutcome(deps, { status: 'cancelled', action: cancelled, by: deps.actor });
  return `action ${id}: cancelled (it was ${action.status}); it will not be sent`;
};
