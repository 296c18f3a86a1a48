import type { Job } from 'bullmq';
import { announceActionOutcome } from '../cards/announce-outcome.js';
import { performAction, type ActionDeps } from '../actions/perform-action.js';
import { postCardNote } from '../cards/post-note.js';
import { postCard, refreshCard, type CardPosterDeps } from '../cards/post-card.js';
import { flushStorm } from '../cards/flush-storm.js';
import type { FoldFlush } from '../cards/fold-into-storm.js';
import { replyWindowClosesAt } from '../cards/reply-window.js';
import { customerWindowHours } from '../domain/customer-window.js';
import { pingEscalation, postEscalation, type EscalationDeps } from '../escalation/escalate.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { processEvent } from '../pipeline/process-event.js';
import type { DraftRewriter, OpenedCard, PipelineDeps, PipelineOutcome } from '../pipeline/pipeline-types.js';
import type { ChatName } from '../domain/chat.js';
import { applyRetention } from '../retention/apply-retention.js';
import { releaseVeto } from '../autonomy/release-veto.js';
import { postLogLine } from '../autonomy/post-log-line.js';
import { notifySla, slaTimers } from '../sla/notify.js';
import { findCardPlacements, saveRewrittenDraft } from '../store/cards.js';
import { findEscalationsAwaitingAlert } from '../store/escalations.js';
import type { Db } from '../store/db.js';
import { markEventFailed } from '../store/inbound-events.js';
import { isLastAttempt, runJob } from './run-job.js';
import { type AutonomyJob, type AutonomyJobDeps, runAutonomyJob } from './autonomy-jobs.js';
import { type JobPayload, jobPayloads, type Queues } from './queues.js';
import { NotYetError, RateLimitedError } from '../errors.js';

export interface ProcessorDeps {
  db: Db;
  queues: Queues;
  pipeline: PipelineDeps;
  actions: ActionDeps;
  cards: CardPosterDeps;
  escalations: EscalationDeps;
  rewriteDraft: DraftRewriter | undefined;
  /** The weekly digest, when the playbook schedules one. */
  postDigest: (() => Promise<void>) | undefined;
  logger: Logger;
  /** Counts each action's outcome by kind and platform. */
  metrics?: Pick<Metrics, 'actions'>;
  /**
   * Processes one stored event, batched with the events other jobs submit at the same moment
   * (`ingest-batch.ts`), and follows up on the whole batch (`followUpIngest`) before it resolves;
   * without it, one transaction per event, followed up by its job.
   */
  ingestEvent?: (eventId: string) => Promise<PipelineOutcome>;
  /** Graduation and demotion of rules (reviews, suggestions, demotion notices); without it, those jobs do nothing. */
  autonomy?: AutonomyJobDeps;
}

/** A card whose customer-service window is still open is re-rendered when it closes, so it stops offering Approve. */
const scheduleWindowRefresh = async (deps: ProcessorDeps, cardId: string) => {
  const closesAt = await replyWindowClosesAt(deps.db, cardId);
  if (closesAt === undefined || closesAt.getTime() <= deps.pipeline.now().getTime()) return;
  await deps.queues.schedule({ kind: 'reply_window', cardId, at: closesAt.getTime() }, closesAt);
};

/**
 * Post a new card right away in each of its chats, in the ingest job (a queued job per card costs as
 * much as the post). A chat whose post fails gets its own queued post, which retries and obeys rate limits.
 */
const postCardNow = async (deps: ProcessorDeps, card: OpenedCard) => {
  for (const chat of card.chats) {
    try {
      await postCardAndAlert(deps, card.cardId, chat);
    } catch (error) {
      deps.logger.debug({ err: error, cardId: card.cardId, chat }, 'posting the card inline failed; queued for retry');
      // A rate limit is obeyed here too: the queued post waits exactly as long as the platform asked.
      await deps.queues.enqueue('chat', [{ op: 'post', cardId: card.cardId, chat }], {
        delayMs: error instanceof RateLimitedError ? error.retryAfterMs : 0,
      });
    }
  }
};

/** A storm card's coalesced update, queued for when it is due (one job per round; see flush-storm.ts). */
const queueStormFlush = async (deps: ProcessorDeps, flush: FoldFlush | undefined) => {
  if (!flush) return;
  const due = flush.at.getTime();
  await deps.queues.enqueue('chat', [{ op: 'fold', cardId: flush.stormCardId, chat: flush.chat, due }], {
    delayMs: Math.max(0, due - Date.now()),
  });
};

const postCardAndAlert = async (deps: ProcessorDeps, cardId: string, chat: ChatName) => {
  const result = await postCard(deps.cards, cardId, chat);
  // Folded into its post's storm card: nothing of its own to post; the storm card's update is queued once per round.
  if (result.outcome === 'folded') {
    await queueStormFlush(deps, result.flush);
    return result.outcome;
  }
  // One timer per card, whichever chat posted first (the timer's job id is the card's); only where a window applies.
  if (result.outcome === 'posted' && customerWindowHours(result.platform) !== undefined) await scheduleWindowRefresh(deps, cardId);
  if (result.escalated) {
    // A rule's escalation waits for its card in the same chat, so the alert can link to it.
    const waiting = await findEscalationsAwaitingAlert(deps.db, cardId, chat);
    await deps.queues.enqueue(
      'chat',
      waiting.map((escalationId) => ({ op: 'escalate' as const, escalationId })),
    );
  }
  return result.outcome;
};

type CardJob = Exclude<JobPayload<'chat'>, { op: 'escalate' } | { op: 'log' } | { op: 'fold' } | AutonomyJob>;

/**
 * A card job names one chat, or none: then it is for every chat the card is shown in. A card shown in
 * one chat is done right here; a mirrored card's job becomes one job per chat, so each chat's post,
 * update or note happens once and fails, waits and retries on its own.
 */
const inEachChat = async (deps: ProcessorDeps, payload: CardJob, run: (chat: ChatName) => Promise<string>): Promise<string> => {
  if (payload.chat) return run(payload.chat);
  const placements = await findCardPlacements(deps.db, payload.cardId);
  if (placements.length === 0) return 'missing';
  if (placements.length === 1) return run(placements[0]!.chat);
  await deps.queues.enqueue(
    'chat',
    placements.map((placement) => ({ ...payload, chat: placement.chat })),
  );
  return `queued for ${placements.map((placement) => placement.chat).join(', ')}`;
};

const postNoteInChat = async (deps: ProcessorDeps, payload: CardJob & { op: 'note' }, chat: ChatName) => {
  const result = await postCardNote(deps.db, deps.cards.chats, { ...payload, chat });
  // A note belongs in the card's thread, so it waits (retries) until the card has been posted there.
  if (result === 'not_posted') throw new NotYetError(`card ${payload.cardId} is not posted in ${chat} yet; its note waits for it`);
  return result;
};

/** Re-render a card in every chat it is shown in (a timer's change, not a person's: no job per chat needed). */
const refreshEverywhere = async (deps: ProcessorDeps, cardId: string) => {
  const results = [];
  for (const { chat } of await findCardPlacements(deps.db, cardId)) results.push(await refreshCard(deps.cards, cardId, chat));
  return results.join(', ') || 'missing';
};

/**
 * What ingest leaves to do once its transaction has committed, for one event or a whole batch:
 * drafts rewritten, then one `addBulk` per queue for the actions, card updates, log lines and timers
 * (job ids as always, so a job queued twice is one job); new cards are posted right away.
 */
export const followUpIngest = async (deps: ProcessorDeps, outcomes: readonly PipelineOutcome[]): Promise<void> => {
  const rewrite = deps.rewriteDraft;
  if (rewrite) {
    // Side by side: a model's answers take long, and each draft is its own card's.
    await Promise.all(
      outcomes.flatMap((outcome) =>
        outcome.drafts.map(async (draft) => {
          const written = await rewrite({ message: draft.message, decision: draft.decision });
          // A template draft that passed the guardrails unchanged needs no second write.
          if (written.text === draft.decision.text && written.source === (draft.decision.source ?? written.source) && !written.note) return;
          await saveRewrittenDraft(deps.db, draft.cardId, written);
        }),
      ),
    );
  }
  await deps.queues.enqueue(
    'platform',
    outcomes.flatMap((outcome) => outcome.actionIds.map((actionId) => ({ actionId }))),
  );
  // Cards of different messages are posted side by side; each card's chats in turn (postCardNow).
  await Promise.all(outcomes.flatMap((outcome) => outcome.cards.map((card) => postCardNow(deps, card))));
  await deps.queues.enqueue('chat', [
    ...outcomes.flatMap((outcome) => outcome.cardUpdates.map((card) => ({ op: 'update' as const, ...card }))),
    ...outcomes.flatMap((outcome) => (outcome.undoLines ?? []).map((undoId) => ({ op: 'log' as const, undoId, state: 'post' as const }))),
  ]);
  await deps.queues.scheduleMany([
    ...outcomes.flatMap((outcome) => outcome.slaTimers.flatMap(slaTimers)),
    ...outcomes.flatMap((outcome) =>
      (outcome.vetoTimers ?? []).map(({ vetoId, at }) => ({ payload: { kind: 'veto_send' as const, vetoId }, at })),
    ),
  ]);
  for (const delivery of outcomes.flatMap((outcome) => outcome.deliveries ?? [])) {
    if (delivery.settled) {
      const { action, status } = delivery.settled;
      deps.metrics?.actions.inc({ kind: action.kind, platform: action.platform, status });
      await announceActionOutcome(deps, delivery.settled);
    }
    if (delivery.note) await deps.queues.enqueue('chat', [{ op: 'note', ...delivery.note }]);
  }
};

/** An event of a list job that failed on its own is retried by a job of its own, after this long. */
const RETRY_ALONE_AFTER_MS = 1_000;

const ingestOne = async (deps: ProcessorDeps, eventId: string): Promise<PipelineOutcome> => {
  // Batched, the batch follows up on all its events at once; alone, the event's job does it.
  if (deps.ingestEvent) return deps.ingestEvent(eventId);
  const outcome = await processEvent(deps.pipeline, eventId);
  await followUpIngest(deps, [outcome]);
  return outcome;
};

const settleInTurn = async (eventIds: readonly string[], work: (eventId: string) => Promise<PipelineOutcome>) => {
  const settled: PromiseSettledResult<PipelineOutcome>[] = [];
  for (const eventId of eventIds) settled.push(...(await Promise.allSettled([work(eventId)])));
  return settled;
};

/**
 * The events of one webhook flush: submitted together (the batcher gathers them into batches), or one
 * after another without batching. An event that fails is handed to a job of its own, which retries it
 * with the usual attempts and backoff and marks its row failed after the last, exactly as if it had
 * come alone; the others are done. Only when that hand-over fails (Redis gone) does the list job fail:
 * its retry skips the events already processed.
 */
const ingestList = async (deps: ProcessorDeps, eventIds: readonly string[]) => {
  const settled = deps.ingestEvent
    ? await Promise.allSettled(eventIds.map((eventId) => ingestOne(deps, eventId)))
    : await settleInTurn(eventIds, (eventId) => ingestOne(deps, eventId));
  const failed = eventIds.flatMap((eventId, index) => {
    const result = settled[index]!;
    return result.status === 'rejected' ? [{ eventId, error: result.reason as unknown }] : [];
  });
  if (failed.length > 0) {
    const waiting = failed.every(({ error }) => error instanceof NotYetError);
    deps.logger[waiting ? 'debug' : 'warn'](
      { eventIds: failed.map(({ eventId }) => eventId), err: failed[0]!.error },
      'events failed in their batch; each is retried in a job of its own',
    );
    await deps.queues.enqueue(
      'ingest',
      failed.map(({ eventId }) => ({ eventId })),
      { delayMs: RETRY_ALONE_AFTER_MS },
    );
  }
  const outcomes = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  return {
    events: eventIds.length,
    failed: failed.length,
    actions: outcomes.reduce((sum, outcome) => sum + outcome.actionIds.length, 0),
    cards: outcomes.reduce((sum, outcome) => sum + outcome.cards.length, 0),
  };
};

export const ingestProcessor = (deps: ProcessorDeps) => async (job: Job, token?: string) =>
  runJob(job, token, async () => {
    const payload = jobPayloads.ingest.parse(job.data);
    if ('eventIds' in payload) return ingestList(deps, payload.eventIds);
    const outcome = await ingestOne(deps, payload.eventId);
    return { actions: outcome.actionIds.length, cards: outcome.cards.length };
  });

export const platformProcessor = (deps: ProcessorDeps) => async (job: Job, token?: string) =>
  runJob(job, token, async () => {
    const { actionId } = jobPayloads.platform.parse(job.data);
    const outcome = await performAction(deps.actions, actionId, { lastAttempt: isLastAttempt(job) });
    // The job is keyed by the action: unless it succeeded, a later retry of the same action must be able to queue it again.
    if (outcome.status !== 'succeeded') job.opts.removeOnComplete = true;
    if (outcome.status !== 'skipped') {
      deps.metrics?.actions.inc({ kind: outcome.action.kind, platform: outcome.action.platform, status: outcome.status });
      await announceActionOutcome(deps, outcome);
    }
    return { status: outcome.status };
  });

export const chatProcessor = (deps: ProcessorDeps) => async (job: Job, token?: string) =>
  runJob(job, token, async () => {
    const payload = jobPayloads.chat.parse(job.data);
    switch (payload.op) {
      case 'post':
        return { result: await inEachChat(deps, payload, (chat) => postCardAndAlert(deps, payload.cardId, chat)) };
      case 'update':
        return { result: await inEachChat(deps, payload, (chat) => refreshCard(deps.cards, payload.cardId, chat)) };
      case 'note':
        return { result: await inEachChat(deps, payload, (chat) => postNoteInChat(deps, payload, chat)) };
      case 'escalate':
        return { result: await postEscalation(deps.escalations, payload.escalationId) };
      case 'log':
        return {
          result: await postLogLine({ db: deps.db, chats: deps.cards.chats, now: deps.pipeline.now }, payload.undoId, payload.state),
        };
      case 'fold': {
        const flushed = await flushStorm(deps.cards, payload.cardId, payload.chat);
        await queueStormFlush(deps, flushed.next);
        return { result: flushed.result, notes: flushed.notes };
      }
      case 'review':
      case 'suggestion':
      case 'demoted':
        return { result: await runAutonomyJob(deps.autonomy, payload) };
    }
  });

export const timersProcessor = (deps: ProcessorDeps) => async (job: Job, token?: string) =>
  runJob(job, token, async () => {
    const payload = jobPayloads.timers.parse(job.data);
    const sla = { db: deps.db, chats: deps.cards.chats, queues: deps.queues };
    switch (payload.kind) {
      case 'sla_warn':
        return { result: await notifySla(sla, payload.conversationId, 'warn') };
      case 'sla_breach':
        return { result: await notifySla(sla, payload.conversationId, 'breach') };
      case 'escalation_ping':
        return { result: await pingEscalation(deps.escalations, payload.escalationId, payload.step) };
      case 'reply_window':
        return { result: await refreshEverywhere(deps, payload.cardId) };
      case 'digest':
        await deps.postDigest?.();
        return { result: deps.postDigest ? 'posted' : 'off' };
      case 'veto_send':
        return { result: await releaseVeto({ db: deps.db, queues: deps.queues, now: deps.pipeline.now }, payload.vetoId) };
      case 'retention':
        return { result: await applyRetention({ db: deps.db, now: deps.pipeline.now, logger: deps.logger }, payload) };
    }
  });

/** Called when a job has used its last attempt: the stored row says so, and the reconciler leaves it alone. */
export const recordExhaustedJob = async (db: Db, queue: string, data: unknown, error: string): Promise<void> => {
  if (queue === 'ingest') {
    const payload = jobPayloads.ingest.parse(data);
    // A list job fails for good only when its failed events could not be handed on (Redis gone): they stay
    // unfinished, not failed, so the reconciler queues them again, each in a job of its own.
    if ('eventId' in payload) await markEventFailed(db, payload.eventId, error);
  }
};
