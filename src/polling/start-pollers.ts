import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { PollingSource } from '../domain/polling-source.js';
import type { WorkQueue } from '../domain/work-queue.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Db } from '../store/db.js';
import { createEventWriter } from '../store/event-writer.js';
import { failureBackoffMs } from './plan-next-poll.js';
import { runPoll, type PollDeps, type PollOutcome } from './run-poll.js';

const DEFAULT_LEASE_MS = 5 * 60_000;
// A pause of hours is looked at again now and then, so a reset moved by another worker is noticed.
const MAX_SLEEP_MS = 60 * 60_000;
const MIN_SLEEP_MS = 10;

export interface PollersDeps {
  db: Db;
  queue: Pick<WorkQueue, 'enqueue'>;
  sources: readonly PollingSource[];
  logger: Logger;
  now?: () => Date;
  metrics?: Pick<Metrics, 'events'> & Partial<Pick<Metrics, 'quotaUnitsUsed'>>;
  leaseMs?: number;
}

export interface Pollers {
  /** Stops the timers and waits for polls in progress. */
  stop: () => Promise<void>;
}

/** One timer loop per polled source; several workers may run them, the leases keep each poll single. */
export const startPollers = (deps: PollersDeps): Pollers => {
  const pollDeps: PollDeps = {
    db: deps.db,
    events: createEventWriter(deps.db),
    queue: deps.queue,
    logger: deps.logger,
    now: deps.now ?? (() => new Date()),
    holder: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
    leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  };
  const loops = deps.sources.map((source) => startLoop(pollDeps, source));
  if (loops.length > 0) deps.logger.info({ sources: deps.sources.map((source) => source.name) }, 'pollers started');
  return {
    stop: async () => {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
};

const startLoop = (deps: PollDeps, source: PollingSource): Pollers => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let errorsInARow = 0;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = runPoll(deps, source)
      .then(
        (outcome) => {
          errorsInARow = 0;
          report(deps.logger, source.name, outcome);
          return sleepAfter(outcome, source.intervalMs, deps.now());
        },
        (error: unknown) => {
          // The store itself failed (Postgres down): nothing was recorded, so back off here.
          errorsInARow += 1;
          const waitMs = failureBackoffMs(source.intervalMs, errorsInARow);
          deps.logger.warn({ err: error, source: source.name, retryInMs: waitMs }, 'poll could not run; trying again later');
          return waitMs;
        },
      )
      .then((waitMs) => {
        if (!stopped) timer = setTimeout(tick, Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, waitMs)));
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
};

const sleepAfter = (outcome: PollOutcome, intervalMs: number, now: Date): number => {
  const untilNext = outcome.nextPollAt === null ? 0 : outcome.nextPollAt.getTime() - now.getTime();
  // Due but not ours: another worker is polling it; look again after an interval.
  return outcome.status === 'not due' && untilNext <= 0 ? intervalMs : untilNext;
};

const report = (logger: Logger, source: string, outcome: PollOutcome): void => {
  switch (outcome.status) {
    case 'polled':
      if (!outcome.cursorSaved) {
        logger.warn({ source }, 'poll outlived its lease and another worker took the source: its cursor was not saved');
      } else if (outcome.stored > 0) {
        logger.info({ source, stored: outcome.stored, duplicates: outcome.duplicates }, 'polled new events');
      }
      return;
    case 'paused':
      logger.info({ source, until: outcome.nextPollAt.toISOString(), reason: outcome.reason }, 'polling paused until the quota resets');
      return;
    case 'failed':
      logger.warn(
        { source, error: errorMessage(outcome.error), retryAt: outcome.nextPollAt.toISOString() },
        'poll failed; the cursor stays where it was',
      );
      return;
    case 'not due':
      return;
  }
};
