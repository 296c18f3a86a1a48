import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { exited, spawnWorker } from '../../support/child-worker.js';
import { queuesIdle } from '../../support/queue-state.js';
import { comment, isHandoff, orderOf } from './comments.js';

/*
 * Scale-out: two `switchboard worker` processes against one database and one Redis prefix take
 * the same stream of events. Every event is processed exactly once: one message row, one card
 * per handoff, one card in Slack. Each webhook is delivered twice, as Meta redelivers, and both
 * workers' reconcilers sweep often, so the same event is offered to both.
 */

const COMMENTS = 200;
// Batched ingest: the path whose claims and locks two processes could most plausibly get wrong.
const WORKER_ENV = { SWITCHBOARD_RECONCILE_INTERVAL_MS: '200', SWITCHBOARD_RECONCILE_AFTER_MS: '0', SWITCHBOARD_INGEST_BATCH: '100' };

let services: Services;
let web: Running;
let workers: ReturnType<typeof spawnWorker>[] = [];

beforeAll(async () => {
  services = await startServices();
  web = await startApp(services, { worker: false });
  workers = [spawnWorker({ ...services.env, ...WORKER_ENV }), spawnWorker({ ...services.env, ...WORKER_ENV })];
});
afterAll(async () => {
  for (const worker of workers) {
    worker.kill('SIGTERM');
    await exited(worker);
  }
  await web?.stop();
  await services?.close();
});

/** Workers listening on the ingest queue (BullMQ names its worker connections). */
const ingestWorkers = async (): Promise<number> => {
  const connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue('ingest', { connection, prefix: services.redis.prefix });
  try {
    return await queue.getWorkersCount();
  } finally {
    await queue.close();
    connection.disconnect();
  }
};

const countBy = <T>(values: T[]): Map<T, number> => {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

it('two worker processes on one database process every event exactly once', async () => {
  await eventually(
    async () => (await ingestWorkers()) >= 2,
    `both workers to listen:\n${workers.map((w) => w.output()).join('\n')}`,
    60_000,
  );

  const numbers = Array.from({ length: COMMENTS }, (_, i) => i + 1);
  for (let start = 0; start < numbers.length; start += 20) {
    const slice = numbers.slice(start, start + 20);
    // Each comment twice at once: a redelivery racing the first delivery.
    const answers = await Promise.all(slice.flatMap((n) => [postMeta(web.url!, comment('52', n)), postMeta(web.url!, comment('52', n))]));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  }

  const db = services.database.db;
  await eventually(
    async () => (await db.selectFrom('inbound_events').select('id').where('processed_at', 'is not', null).execute()).length === COMMENTS,
    'every event to be processed',
    60_000,
  );
  const handoffs = numbers.filter(isHandoff);
  await eventually(async () => cardsIn(services).length >= handoffs.length, 'the handoff cards', 30_000);
  await eventually(() => queuesIdle(services), 'the queues to drain', 30_000);

  const events = await db.selectFrom('inbound_events').select(['id', 'attempts', 'failed_at']).execute();
  expect(events).toHaveLength(COMMENTS);
  expect(events.filter((event) => event.failed_at !== null)).toEqual([]);

  const messages = await db.selectFrom('messages').select(['id', 'external_id', 'event_id']).where('direction', '=', 'inbound').execute();
  expect(messages).toHaveLength(COMMENTS);
  expect(new Set(messages.map((message) => message.external_id)).size).toBe(COMMENTS);
  expect(new Set(messages.map((message) => message.event_id)).size).toBe(COMMENTS);

  const cards = await db.selectFrom('cards').innerJoin('messages', 'messages.id', 'cards.message_id').select(['messages.text']).execute();
  const refundCards = cards.filter((card) => card.text.includes('refund'));
  expect(refundCards).toHaveLength(handoffs.length);
  expect(new Set(refundCards.map((card) => card.text)).size).toBe(handoffs.length);

  // In Slack: each handoff's card once, no more.
  const posted = countBy(
    cardsIn(services)
      .map((card) => /order (7\d{7})/u.exec(JSON.stringify(card))?.[1])
      .filter((order): order is string => order !== undefined),
  );
  expect([...posted.keys()].sort()).toEqual(handoffs.map(orderOf).sort());
  expect([...posted.values()].every((times) => times === 1)).toBe(true);
}, 180_000);
