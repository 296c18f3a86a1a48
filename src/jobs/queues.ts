import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobPayload, QueueName, WorkQueue } from '../domain/work-queue.js';

export { MAX_EVENTS_PER_INGEST_JOB, QUEUE_NAMES, jobPayloads, type JobPayload, type QueueName } from '../domain/work-queue.js';

const inChat = (chat: string | undefined) => (chat ? `-${chat}` : '');

// Job ids derive from row ids, so re-enqueueing something already queued is a no-op.
export const jobId = {
  // A list's first event is stored by that flush alone, so the first id and the count name the list.
  ingest: (payload: JobPayload<'ingest'>) =>
    'eventId' in payload ? `ev-${payload.eventId}` : `evs-${payload.eventIds[0]}-${payload.eventIds.length}`,
  platform: (payload: JobPayload<'platform'>) => `act-${payload.actionId}`,
  chat: (payload: JobPayload<'chat'>) => {
    switch (payload.op) {
      case 'post':
        return `card-${payload.cardId}-post${inChat(payload.chat)}`;
      case 'update':
        return `card-${payload.cardId}-v${payload.version}${inChat(payload.chat)}`;
      case 'note':
        return `card-${payload.cardId}-note-${payload.key}${inChat(payload.chat)}`;
      case 'escalate':
        return `escalation-${payload.escalationId}`;
      case 'log':
        return `log-${payload.undoId}-${payload.state}`;
      case 'fold':
        return `card-${payload.cardId}-fold-${payload.due}-${payload.chat}`;
      case 'review':
        return `review-${payload.key}`;
      case 'suggestion':
        return `suggestion-${payload.suggestionId}-${payload.state}`;
      case 'demoted':
        return `demoted-${payload.rule}-${payload.at}-${payload.chat}-${payload.channel}`;
    }
  },
  timers: (payload: JobPayload<'timers'>) => {
    switch (payload.kind) {
      case 'sla_warn':
      case 'sla_breach':
        return `${payload.kind}-${payload.conversationId}`;
      case 'escalation_ping':
        return `ping-${payload.escalationId}-${payload.step}`;
      case 'digest':
        return 'digest';
      case 'reply_window':
        return `reply-window-${payload.cardId}-${payload.at}`;
      case 'retention':
        return 'retention';
      case 'veto_send':
        return `veto-${payload.vetoId}`;
    }
  },
};

export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  // Failed jobs stay visible for operators (and for the reconciler to leave alone).
  removeOnFail: false,
};

export interface Queues extends WorkQueue {
  ingest: Queue;
  platform: Queue;
  chat: Queue;
  timers: Queue;
  connection: Redis;
  close: () => Promise<void>;
}

export const redisForQueues = (url: string): Redis =>
  // Fail fast instead of buffering: a webhook must not hang on Redis; the reconciler re-enqueues later.
  new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });

export const redisForWorkers = (url: string): Redis => new Redis(url, { maxRetriesPerRequest: null });

/** `now` places the timers in time (the system clock by default). */
export const createQueues = (connection: Redis, prefix: string, now: () => Date = () => new Date()): Queues => {
  const make = (name: QueueName) => new Queue(name, { connection, prefix, defaultJobOptions });
  const queues = { ingest: make('ingest'), platform: make('platform'), chat: make('chat'), timers: make('timers') };
  const enqueue = async <Q extends QueueName>(queue: Q, payloads: JobPayload<Q>[], options: { delayMs?: number } = {}) => {
    if (payloads.length === 0) return;
    const toJobId = jobId[queue] as (payload: JobPayload<Q>) => string;
    const delay = options.delayMs ?? 0;
    await queues[queue].addBulk(
      payloads.map((data) => ({ name: queue, data, opts: { jobId: toJobId(data), ...(delay > 0 ? { delay } : {}) } })),
    );
  };
  const scheduleMany = async (timers: { payload: JobPayload<'timers'>; at: Date }[]) => {
    if (timers.length === 0) return;
    await queues.timers.addBulk(
      timers.map(({ payload, at }) => ({
        name: 'timers',
        data: payload,
        opts: { jobId: jobId.timers(payload), delay: Math.max(0, at.getTime() - now().getTime()) },
      })),
    );
  };
  const schedule = (payload: JobPayload<'timers'>, at: Date) => scheduleMany([{ payload, at }]);
  return {
    ...queues,
    connection,
    enqueue,
    schedule,
    scheduleMany,
    close: async () => {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    },
  };
};
