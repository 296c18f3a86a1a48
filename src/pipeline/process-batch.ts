import type { InboundItem } from '../domain/source.js';
import { parseStoredItem } from './inbound-item.js';
import { NOTHING, type KnownFeatures, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';
import { classifyBeforehand, ingestClaimed } from './process-event.js';
import { ingestMessageRun, type RunEntry } from './ingest-run.js';
import { claimEventsForProcessing, recordEventError, type ClaimedEvent } from '../store/inbound-events-batch.js';
import { lockHistory } from '../store/history.js';
import type { Db } from '../store/db.js';

/** Each event's outcome, or the error that kept it (alone) from being processed. */
export type BatchResult = { outcome: PipelineOutcome } | { error: unknown };

const safeParse = (payload: unknown): InboundItem | undefined => {
  try {
    return parseStoredItem(payload);
  } catch {
    // A payload that does not parse fails in its own turn below, with its own error.
    return undefined;
  }
};

interface ParsedEvent {
  event: ClaimedEvent;
  item: InboundItem | undefined;
}

/**
 * The posts a batch's messages are on, as history-lock keys (the ones deciding takes). Taken
 * together, sorted, before any event is worked on, so two batches sharing posts wait for each
 * other instead of deadlocking; the per-message locks that follow are then re-entrant.
 */
const postLockKeys = (events: readonly ParsedEvent[]): string[] =>
  events.flatMap(({ item }) =>
    item && (item.type === 'message' || item.type === 'edit') && item.message.post
      ? [`post:${item.message.platform}:${item.message.post.id}`]
      : [],
  );

/**
 * One transaction for the whole batch: claim every event in one statement, then work through
 * them in the order they arrived, so the same author's and post's messages are decided in order.
 * Consecutive new messages (not our own) go through `ingestMessageRun` together (a few
 * statements for all of them); edits, removals, statuses and our own messages, one at a time in
 * between, each against history that already holds everything before it (the transaction sees
 * its own writes).
 */
const runInOneTransaction = (deps: PipelineDeps, eventIds: readonly string[], known: ReadonlyMap<string, KnownFeatures>) =>
  deps.db.transaction().execute(async (trx: Db) => {
    const events = (await claimEventsForProcessing(trx, eventIds)).map((event) => ({ event, item: safeParse(event.payload) }));
    await lockHistory(trx, postLockKeys(events));
    const outcomes = new Map<string, PipelineOutcome>();
    let run: RunEntry[] = [];
    const flushRun = async () => {
      if (run.length > 0) for (const [id, outcome] of await ingestMessageRun(trx, deps, run)) outcomes.set(id, outcome);
      run = [];
    };
    for (const { event, item } of events) {
      const knownOfEvent = known.get(event.id) ?? {};
      if (item?.type === 'message' && !item.message.fromSelf) {
        run.push({ eventId: event.id, message: item.message, known: knownOfEvent });
        continue;
      }
      await flushRun();
      outcomes.set(event.id, await ingestClaimed(trx, deps, event.payload, event.id, knownOfEvent));
    }
    await flushRun();
    return outcomes;
  });

const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * A batch that fails is split in halves, each retried in its own transaction, so one bad event
 * cannot hold the others back; an event that fails alone is recorded with its error and
 * reported to its job, which retries it on its schedule (and marks it failed after its last attempt).
 */
const settle = async (
  deps: PipelineDeps,
  eventIds: readonly string[],
  known: ReadonlyMap<string, KnownFeatures>,
): Promise<Map<string, BatchResult>> => {
  try {
    const outcomes = await runInOneTransaction(deps, eventIds, known);
    // An event missing from the outcomes was already processed (a redelivered job): nothing to do.
    return new Map(eventIds.map((id) => [id, { outcome: outcomes.get(id) ?? NOTHING }]));
  } catch (error) {
    if (eventIds.length === 1) {
      await recordEventError(deps.db, eventIds[0]!, describeError(error)).catch(() => undefined);
      return new Map([[eventIds[0]!, { error }]]);
    }
    const half = Math.ceil(eventIds.length / 2);
    const first = await settle(deps, eventIds.slice(0, half), known);
    const second = await settle(deps, eventIds.slice(half), known);
    return new Map([...first, ...second]);
  }
};

/**
 * Turn many stored events into messages, decisions, actions and cards in one transaction (split
 * on failure). The LLM classifier and judge, when configured, are asked first, outside it.
 */
export const processBatch = async (deps: PipelineDeps, eventIds: readonly string[]): Promise<Map<string, BatchResult>> => {
  const unique = [...new Set(eventIds)];
  const known = new Map(await Promise.all(unique.map(async (id) => [id, await classifyBeforehand(deps, id)] as const)));
  return settle(deps, unique, known);
};
