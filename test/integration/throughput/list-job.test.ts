import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { storeEventWithoutAuthor } from './bad-event.js';
import { comment } from './comments.js';

/*
 * The web process queues the events of one flush as one job. An event of such a list that fails is
 * not lost with the list's success: it is handed to a job of its own (`ev-<id>`), which retries it
 * on the usual schedule and marks its row failed after its last attempt, as if it had come alone.
 *
 * The list is the page's first: its account row is inserted by the batch that the bad event rolls
 * back. The halves retried after it must not reuse that id (it would point at nothing, and every
 * later event of the page would fail until a restart), so the good events passing shows that too.
 */

const GOOD = 20;

let services: Services;
let web: Running;
let worker: Running | undefined;
let connection: Redis;
let queue: Queue;

beforeAll(async () => {
  services = await startServices();
  web = await startApp(services, { worker: false });
  connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
  queue = new Queue('ingest', { connection, prefix: services.redis.prefix });
});
afterAll(async () => {
  await worker?.stop();
  await web?.stop();
  await queue?.close();
  connection?.disconnect();
  await services?.close();
});

it('queues a webhook flush as one job, and hands an event that fails in it to a job of its own', async () => {
  for (let n = 1; n <= GOOD; n += 1) expect((await postMeta(web.url!, comment('75', n))).status).toBe(200);
  const good = (await services.database.db.selectFrom('inbound_events').select('id').orderBy('id').execute()).map((row) => row.id);
  expect(good).toHaveLength(GOOD);
  const queued = await eventually(async () => {
    const jobs = await queue.getJobs(['waiting']);
    return jobs.length > 0 && jobs.every((job) => 'eventIds' in job.data) ? jobs : undefined;
  }, "the web process's list jobs");
  expect(queued.flatMap((job) => job.data.eventIds as string[]).sort()).toEqual([...good].sort());

  // One list holding the bad event between good ones, as one flush of the web process would.
  await queue.drain();
  const bad = await storeEventWithoutAuthor(services);
  const list = [...good.slice(0, GOOD / 2), bad, ...good.slice(GOOD / 2)];
  await queue.add('ingest', { eventIds: list }, { jobId: `evs-${list[0]}-${list.length}`, attempts: 8 });

  worker = await startApp(services, { web: false });
  const db = services.database.db;
  await eventually(
    async () => (await db.selectFrom('inbound_events').select('id').where('processed_at', 'is not', null).execute()).length === GOOD,
    'the good events to be processed',
  );
  const listJob = await eventually(async () => {
    const job = await queue.getJob(`evs-${list[0]}-${list.length}`);
    return (await job?.isCompleted()) ? job : undefined;
  }, 'the list job to complete');
  expect(listJob.returnvalue).toMatchObject({ events: GOOD + 1, failed: 1 });

  const own = await eventually(() => queue.getJob(`ev-${bad}`), "the bad event's own job");
  expect(own.data).toEqual({ eventId: bad });
  const row = await eventually(async () => {
    const stored = await db.selectFrom('inbound_events').selectAll().where('id', '=', bad).executeTakeFirstOrThrow();
    return stored.last_error ? stored : undefined;
  }, 'the bad event to be recorded with its error');
  expect(row.processed_at).toBeNull();
  expect(row.last_error).toMatch(/author/u);
}, 60_000);
