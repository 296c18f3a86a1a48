import { QuotaExceededError, type PollingSource, type PollingState } from '../domain/polling-source.js';
import type { InboundItem } from '../domain/source.js';
import type { WorkQueue } from '../domain/work-queue.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { countInboundEvents, type Metrics } from '../metrics.js';
import type { Db } from '../store/db.js';
import type { EventWriter, StoredEvent } from '../store/event-writer.js';
import { advancePollingCursor, findPollingState, pausePolling, recordPollFailure, takePollingLease } from '../store/polling-cursors.js';
import { failureBackoffMs, planNextPollDelay } from './plan-next-poll.js';
import { parsePollResult } from './poll-result.js';
import { quotaWindow, type QuotaWindow } from './quota-window.js';

/** A source with no quota of its own that reports one exceeded waits this long (X's rate-limit window). */
const PAUSE_WITHOUT_RESET_MS = 15 * 60_000;

export interface PollDeps {
  db: Db;
  /** The webhooks' event store: a dedupe key stored before makes a re-polled item a no-op. */
  events: Pick<EventWriter, 'write'>;
  queue: Pick<WorkQueue, 'enqueue'>;
  logger: Logger;
  now: () => Date;
  /** Names this worker in the lease. */
  holder: string;
  /** How long a poll may hold its source; a worker that dies mid-poll frees it after this. */
  leaseMs: number;
  metrics?: Pick<Metrics, 'events'> & Partial<Pick<Metrics, 'quotaUnitsUsed'>>;
}

export type PollOutcome =
  /** `cursorSaved` is false when the lease ran out and another worker took the source meanwhile. */
  | { status: 'polled'; stored: number; duplicates: number; cursorSaved: boolean; nextPollAt: Date }
  /** Another worker holds it, or its time has not come (null: unknown). */
  | { status: 'not due'; nextPollAt: Date | null }
  | { status: 'paused'; reason: string; nextPollAt: Date }
  | { status: 'failed'; error: unknown; nextPollAt: Date };

const later = (now: Date, ms: number): Date => new Date(now.getTime() + ms);

/**
 * One poll of one source: take its lease → poll within the quota left → store the items (committed)
 * → enqueue them for ingest → save the cursor and the units spent. A crash before the cursor is saved
 * polls the same items again, and their dedupe keys make that a no-op.
 */
export const runPoll = async (deps: PollDeps, source: PollingSource): Promise<PollOutcome> => {
  const now = deps.now();
  const state = await takePollingLease(deps.db, { source: source.name, holder: deps.holder, now, leaseMs: deps.leaseMs });
  if (state === undefined) {
    return { status: 'not due', nextPollAt: (await findPollingState(deps.db, source.name))?.nextPollAt ?? null };
  }
  const window = quotaWindow(state, source.quota, now);
  if (window.unitsLeft <= 0) {
    return pause(deps, source, window.resetsAt ?? later(now, PAUSE_WITHOUT_RESET_MS), 'the quota for polling is spent until the reset');
  }
  try {
    const result = parsePollResult(source.name, await source.poll(state.cursor, { units: window.unitsLeft }));
    const stored = await storeItems(deps, source.name, result.items);
    await enqueueForIngest(deps, source.name, stored);
    return await saveCursor(deps, source, window, { ...result, stored });
  } catch (error) {
    if (error instanceof QuotaExceededError) {
      const until = error.resumeAt ?? window.resetsAt ?? later(deps.now(), PAUSE_WITHOUT_RESET_MS);
      return pause(deps, source, until, errorMessage(error));
    }
    return fail(deps, source, state, error);
  }
};

const storeItems = async (deps: PollDeps, source: string, items: InboundItem[]): Promise<StoredEvent[]> => {
  const stored = await deps.events.write(
    items.map((item) => ({ source, dedupeKey: item.dedupeKey, payload: item, recordOnly: item.type === 'ignored' })),
  );
  if (deps.metrics) countInboundEvents(deps.metrics, source, items, stored);
  return stored;
};

/** As for webhooks, a failure here loses nothing: the events are stored and the reconciler re-enqueues them. */
const enqueueForIngest = async (deps: PollDeps, source: string, stored: StoredEvent[]): Promise<void> => {
  const eventIds = stored.flatMap((event) => (event.id !== undefined && !event.recordOnly ? [event.id] : []));
  await deps.queue
    .enqueue(
      'ingest',
      eventIds.map((eventId) => ({ eventId })),
    )
    .catch((error: unknown) => {
      deps.logger.warn({ err: error, source, count: eventIds.length }, 'could not enqueue polled events; the reconciler will pick them up');
    });
};

const saveCursor = async (
  deps: PollDeps,
  source: PollingSource,
  window: QuotaWindow,
  result: { cursor: string | null; unitsUsed: number; stored: StoredEvent[]; quotaExceeded?: string },
): Promise<PollOutcome> => {
  const now = deps.now();
  const spent = { ...window, unitsUsed: window.unitsUsed + result.unitsUsed, unitsLeft: Math.max(0, window.unitsLeft - result.unitsUsed) };
  const nextPollAt = nextPollAfter(source, spent, result, now);
  if (window.resetsAt !== null) deps.metrics?.quotaUnitsUsed?.set({ source: source.name }, spent.unitsUsed);
  const cursorSaved = await advancePollingCursor(deps.db, {
    source: source.name,
    holder: deps.holder,
    now,
    cursor: result.cursor,
    unitsUsed: result.unitsUsed,
    quotaResetsAt: window.resetsAt,
    nextPollAt,
    ...(result.quotaExceeded === undefined ? {} : { lastError: result.quotaExceeded }),
  });
  const stored = result.stored.filter((event) => event.id !== undefined).length;
  if (result.quotaExceeded !== undefined) {
    deps.logger.info(
      { source: source.name, until: nextPollAt.toISOString(), reason: result.quotaExceeded },
      'polling paused until the quota resets',
    );
  }
  return { status: 'polled', stored, duplicates: result.stored.length - stored, cursorSaved, nextPollAt };
};

/** The planned interval; after a refusal for quota part-way, the reset (what was read before it is stored). */
const nextPollAfter = (
  source: PollingSource,
  spent: QuotaWindow,
  result: { unitsUsed: number; quotaExceeded?: string },
  now: Date,
): Date => {
  if (result.quotaExceeded !== undefined) return spent.resetsAt ?? later(now, PAUSE_WITHOUT_RESET_MS);
  const pollUnits = source.quota?.pollUnits;
  const plan = { intervalMs: source.intervalMs, window: spent, lastPollUnits: result.unitsUsed, now };
  return later(now, planNextPollDelay(pollUnits === undefined ? plan : { ...plan, pollUnits }));
};

const pause = async (deps: PollDeps, source: PollingSource, until: Date, reason: string): Promise<PollOutcome> => {
  await pausePolling(deps.db, { source: source.name, holder: deps.holder, now: deps.now(), nextPollAt: until, reason });
  return { status: 'paused', reason, nextPollAt: until };
};

const fail = async (deps: PollDeps, source: PollingSource, state: PollingState, error: unknown): Promise<PollOutcome> => {
  const now = deps.now();
  const nextPollAt = later(now, failureBackoffMs(source.intervalMs, state.failures + 1));
  await recordPollFailure(deps.db, { source: source.name, holder: deps.holder, now, nextPollAt, error: errorMessage(error) });
  return { status: 'failed', error, nextPollAt };
};
