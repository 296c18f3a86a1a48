import type { Job } from 'bullmq';
import { announceActionOutcome } from '../cards/announce-outcome.js';
import { performAction, type ActionDeps } from '../actions/perform-action.js';
import { postCardNote } from '../cards/post-note.js';
import { postCard, refreshCard, type CardPosterDeps } from '../cards/post-card.js';
import { pingEscalation, postEscalation, type EscalationDeps } from '../escalation/escalate.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { processEvent } from '../pipeline/process-event.js';
import type { DraftRewriter, PipelineDeps, PipelineOutcome } from '../pipeline/pipeline-types.js';
import { applyRetention } from '../retention/apply-retention.js';
import { notifySla, scheduleSlaTimers } from '../sla/notify.js';
import { saveRewrittenDraft } from '../store/cards.js';
import { findEscalationsAwaitingAlert } from '../store/escalations.js';
import type { Db } from '../store/db.js';
import { markEventFailed } from '../store/inbound-events.js';
import { isLastAttempt, runJob } from './run-job.js';
import { jobPayloads, type Queues } from './queues.js';
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
  /** Processes one stored event, batched with the events other jobs submit at the same moment (`ingest-batch.ts`); without it, one transaction per event. */
  ingestEvent?: (eventId: string) => Promise<PipelineOutcome>;
}

/**
 * Post a new card right away, in the ingest job (a queued job per card costs as much as the post).
 * Any failure hands it to the chat queue, which retries and obeys rate limits.
 */
const postCardNow = async (deps: ProcessorDeps, cardId: string) => {
  try {
    await postCardAndAlert(deps, cardId);
  } catch (error) {
    deps.logger.debug({ err: error, cardId }, 'posting the card inline failed; queued for retry');
    // A rate limit is obeyed here too: the queued post waits exactly as long as the platform asked.
    await deps.queues.enqueue('chat', [{ op: 'post', cardId }], { delayMs: error instanceof RateLimitedError ? error.retryAfterMs : 0 });
  }
};

const postCardAndAlert = async (deps: ProcessorDeps, cardId: string) => {
  const result = await postCard(deps.cards, cardId);
  if (result.escalated) {
    // A rule's escalation waits for its card, so the alert can link to it.
    const waiting = await findEscalationsAwaitingAlert(deps.db, cardId);
    await deps.queues.enqueue(
      'chat',
      waiting.map((escalationId) => ({ op: 'escalate' as const, escalationId })),
    );
  }
  return result.outcome;
};

export const ingestProcessor = (deps: ProcessorDeps) => async (job: Job, token?: string) =>
  runJob(job, token, async () => {
    const { eventId } = jobPayloads.ingest.parse(job.data);
    const outcome = await (deps.ingestEvent ? deps.ingestEvent(eventId) : processEvent(deps.pipeline, eventId));
    if (deps.rewriteDraft) {
      for (const draft of outcome.drafts) {
        const written = await deps.rewriteDraft({ message: draft.message, decision: draft.decision });
        // A template draft that passed the guardrails unchanged needs no second write.
        if (written.text === draft.decision.text && written.source === (draft.decision.source ?? written.source) && !written.note) continue;
        await saveRewrittenDraft(deps.db, draft.cardId, written);
      }
    }
    await deps.queues.enqueue(
      'platform',
      outcome.actionIds.map((actionId) => ({ actionId })),
    );
    for (const cardId of outcome.cardIds) await postCardNow(deps, cardId);
    await deps.queues.enqueue(
      'chat',
      outcome.cardUpdates.map((card) => ({ op: 'update' as const, ...card })),
    );
    for (const conversation of outcome.slaTimers) await scheduleSlaTimers(deps.queues, conversation);
    return { actions: outcome.actionIds.length, cards: outcome.cardIds.length };
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
        return { result: await postCardAndAlert(deps, payload.cardId) };
      case 'update':
        return { result: await refreshCard(deps.cards, payload.cardId) };
      case 'note': {
        const result = await postCardNote(deps.db, deps.cards.chats, payload);
        // A note belongs in the card's thread, so it waits (retries) until the card has been posted.
        if (result === 'not_posted') throw new NotYetError(`card ${payload.cardId} is not posted yet; its note waits for it`);
        return { result };
      }
      case 'escalate':
        return { result: await postEscalation(deps.escalations, payload.escalationId) };
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
      case 'digest':
        await deps.postDigest?.();
        return { result: deps.postDigest ? 'posted' : 'off' };
      case 'retention':
        return { result: await applyRetention({ db: deps.db, now: deps.pipeline.now, logger: deps.logger }, payload) };
    }
  });

/** Called when a job has used its last attempt: the stored row says so, and the reconciler leaves it alone. */
export const recordExhaustedJob = async (db: Db, queue: string, data: unknown, error: string): Promise<void> => {
  if (queue === 'ingest') {
    const { eventId } = jobPayloads.ingest.parse(data);
    await markEventFailed(db, eventId, error);
  }
};
