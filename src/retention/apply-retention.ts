import type { Logger } from '../logger.js';
import type { RetentionPolicy } from '../playbook/compile-retention.js';
import type { Db } from '../store/db.js';
import { eraseMessages, eraseOldFunnelState, eraseOldNames, eraseOldPayloads, pickMessagesToErase } from '../store/retention.js';

export interface RetentionDeps {
  db: Db;
  now: () => Date;
  logger: Logger;
  /** Rows per statement: small enough that no batch holds locks on a busy table for long. */
  batchSize?: number;
}

export interface RetentionOutcome {
  rawPayloads: number;
  messages: number;
  names: number;
  funnelStates: number;
}

const BATCH = 500;

/** Runs one bounded step until it touches fewer rows than a batch: each step is its own short statement. */
const drain = async (step: (limit: number) => Promise<number>, limit: number): Promise<number> => {
  let total = 0;
  for (;;) {
    const done = await step(limit);
    total += done;
    if (done < limit) return total;
  }
};

/** One batch of old messages, with everything that quotes them, in one transaction. */
const eraseMessageBatch = (db: Db, before: Date) => (limit: number) =>
  db.transaction().execute(async (trx) => {
    const ids = await pickMessagesToErase(trx, before, limit);
    await eraseMessages(trx, ids, false);
    return ids.length;
  });

/**
 * The daily retention run: raw payloads older than the policy's window, and texts and names older
 * than its other window, are erased; rows, timestamps and counts stay for the KPIs. A second run
 * (or a run cut short and retried) only finishes what is left.
 */
export const applyRetention = async (deps: RetentionDeps, policy: RetentionPolicy): Promise<RetentionOutcome> => {
  const { db } = deps;
  const limit = deps.batchSize ?? BATCH;
  const now = deps.now().getTime();
  const payloadsBefore = new Date(now - policy.rawPayloadsMs);
  const textsBefore = new Date(now - policy.textsMs);
  const outcome: RetentionOutcome = {
    rawPayloads: await drain((n) => eraseOldPayloads(db, payloadsBefore, n), limit),
    messages: await drain(eraseMessageBatch(db, textsBefore), limit),
    names: await drain((n) => eraseOldNames(db, textsBefore, n), limit),
    funnelStates: await drain((n) => eraseOldFunnelState(db, textsBefore, n), limit),
  };
  deps.logger.info({ ...outcome, payloadsBefore, textsBefore }, 'retention applied');
  return outcome;
};
