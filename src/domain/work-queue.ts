import { z } from 'zod';
import { CHAT_NAMES } from './chat.js';

export const QUEUE_NAMES = ['ingest', 'platform', 'chat', 'timers'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const id = z.string().regex(/^\d+$/u, 'expected a numeric row id');
/** A card job names the chat of one placement; without it, the job is done for every chat the card is shown in. */
const chat = z.enum(CHAT_NAMES).optional();

/** Most stored events one ingest job carries: about one batch (`SWITCHBOARD_INGEST_BATCH`'s default). */
export const MAX_EVENTS_PER_INGEST_JOB = 100;

/** Payload schemas: a processor parses its payload before acting. */
export const jobPayloads = {
  /**
   * One stored event (the reconciler's, a poller's, a retry's), or the events one flush of the webhook
   * writer stored together: one job for many, so the queue's cost is paid per flush, not per event.
   */
  ingest: z.union([z.object({ eventId: id }), z.object({ eventIds: z.array(id).min(1).max(MAX_EVENTS_PER_INGEST_JOB) })]),
  platform: z.object({ actionId: id }),
  chat: z.discriminatedUnion('op', [
    z.object({ op: z.literal('post'), cardId: id, chat }),
    z.object({ op: z.literal('update'), cardId: id, version: z.number().int(), chat }),
    /** A line in the card's thread; `key` makes a redelivered note a no-op. */
    z.object({ op: z.literal('note'), cardId: id, key: z.string().min(1), text: z.string().min(1), actor: z.string().optional(), chat }),
    z.object({ op: z.literal('escalate'), escalationId: id }),
    /** An automatic action's line in the day's log thread: posted, or redrawn once undone. */
    z.object({ op: z.literal('log'), undoId: id, state: z.enum(['post', 'undone']) }),
    /** A storm card's coalesced update in one chat (counts, excerpts, thread lines); `due` keeps each round its own job. */
    z.object({ op: z.literal('fold'), cardId: id, chat: z.enum(CHAT_NAMES), due: z.number().int() }),
    /** A rule's figures may have changed (a press on a card of it, an Undo, a veto sent): promote, demote or hold; `key` names the change. */
    z.object({ op: z.literal('review'), key: z.string().min(1), cardId: id.optional(), undoId: id.optional() }),
    /** A promotion suggestion: posted to every card channel, or redrawn everywhere once decided. */
    z.object({ op: z.literal('suggestion'), suggestionId: id, state: z.enum(['post', 'update']) }),
    /** A chat's card channel is told a rule went back to draft, why, with the figures; `at` keeps each demotion its own job. */
    z.object({
      op: z.literal('demoted'),
      rule: z.string().min(1),
      from: z.string().min(1),
      figures: z.string().min(1),
      countdownsEnded: z.number().int(),
      at: z.number().int(),
      chat: z.enum(CHAT_NAMES),
      channel: z.string().min(1),
    }),
  ]),
  timers: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sla_warn'), conversationId: id }),
    z.object({ kind: z.literal('sla_breach'), conversationId: id }),
    z.object({ kind: z.literal('escalation_ping'), escalationId: id, step: z.number().int().min(1) }),
    z.object({ kind: z.literal('digest') }),
    /** A customer-service window closes (WhatsApp): the card is re-rendered without Approve; `at` keeps each closing its own job. */
    z.object({ kind: z.literal('reply_window'), cardId: id, at: z.number().int() }),
    /** The daily retention run; the policy travels with the job, as the scheduler was given it. */
    /** A veto's countdown ends: its held reply is sent unless someone pressed Stop. */
    z.object({ kind: z.literal('veto_send'), vetoId: id }),
    z.object({ kind: z.literal('retention'), rawPayloadsMs: z.number().int().positive(), textsMs: z.number().int().positive() }),
  ]),
} as const;

export type JobPayload<Q extends QueueName> = z.infer<(typeof jobPayloads)[Q]>;

/**
 * The port through which the application layer hands work on: what to do next, not how it is queued.
 * `src/jobs` implements it with BullMQ; use cases take it as a dependency, so they never import jobs.
 */
export interface WorkQueue {
  /** `delayMs` holds the jobs back (a platform's Retry-After, say). */
  enqueue: <Q extends QueueName>(queue: Q, payloads: JobPayload<Q>[], options?: { delayMs?: number }) => Promise<void>;
  /** A timer that fires at `at` (immediately if that has passed); the same timer twice is one job. */
  schedule: (payload: JobPayload<'timers'>, at: Date) => Promise<void>;
  /** Several timers in one round trip. */
  scheduleMany: (timers: { payload: JobPayload<'timers'>; at: Date }[]) => Promise<void>;
}
