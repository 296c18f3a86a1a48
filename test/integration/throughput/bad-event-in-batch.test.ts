import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { storeEventWithoutAuthor } from './bad-event.js';
import { comment } from './comments.js';

/** Batched ingest, as by default (SWITCHBOARD_INGEST_BATCH in the README), said explicitly: the test depends on it. */
const BATCHED = { SWITCHBOARD_INGEST_BATCH: '100' };

/*
 * One event the pipeline cannot turn into a message (a stored payload without its author, as an
 * older version might have left) in the middle of a backlog of 200 that the worker takes in
 * batches: the batch holding it is split until it fails alone, the other 199 are processed, and
 * the bad one keeps its error on its own row.
 */

const GOOD = 199;

let services: Services;
let web: Running;
let worker: Running | undefined;

beforeAll(async () => {
  services = await startServices();
  web = await startApp(services, { worker: false });
});
afterAll(async () => {
  await worker?.stop();
  await web?.stop();
  await services?.close();
});

/** Stores the bad event beside the good ones and queues it alone, as the reconciler or a poller queues an event. */
const storeBadEvent = async (): Promise<string> => {
  const id = await storeEventWithoutAuthor(services);
  const connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue('ingest', { connection, prefix: services.redis.prefix });
  await queue.add('ingest', { eventId: id }, { jobId: `ev-${id}`, attempts: 8, backoff: { type: 'exponential', delay: 60_000 } });
  await queue.close();
  connection.disconnect();
  return id;
};

it('one bad event among 200 in a batch: the other 199 are processed, the bad one is recorded with its error', async () => {
  for (let n = 1; n <= 100; n += 1) expect((await postMeta(web.url!, comment('74', n))).status).toBe(200);
  const bad = await storeBadEvent();
  for (let n = 101; n <= GOOD; n += 1) expect((await postMeta(web.url!, comment('74', n))).status).toBe(200);

  worker = await startApp(services, { web: false, env: BATCHED });
  const db = services.database.db;
  await eventually(
    async () => (await db.selectFrom('inbound_events').select('id').where('processed_at', 'is not', null).execute()).length === GOOD,
    'the 199 good events to be processed',
    60_000,
  );
  const recorded = await eventually(async () => {
    const row = await db.selectFrom('inbound_events').selectAll().where('id', '=', bad).executeTakeFirstOrThrow();
    return row.last_error ? row : undefined;
  }, 'the bad event to be recorded with its error');
  expect(recorded.processed_at).toBeNull();
  expect(recorded.last_error).toMatch(/author/u);
  expect(await db.selectFrom('messages').select('id').where('direction', '=', 'inbound').execute()).toHaveLength(GOOD);
  // None of the good events waited for a retry: the bad one was split off, not failed with its batch.
  expect(await eventually(() => goodJobsThatFailedFirst(bad), 'the good jobs to complete')).toEqual([]);
}, 120_000);

/** Once every good job has completed: those that failed an attempt first (undefined until then). */
const goodJobsThatFailedFirst = async (bad: string): Promise<string[] | undefined> => {
  const connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue('ingest', { connection, prefix: services.redis.prefix });
  try {
    const jobs = await queue.getJobs(['completed']);
    if (jobs.length < GOOD) return undefined;
    return jobs
      .filter((job) => job.id !== `ev-${bad}` && ((job.stacktrace?.length ?? 0) > 0 || job.attemptsStarted > 1))
      .map((job) => job.id!);
  } finally {
    await queue.close();
    connection.disconnect();
  }
};
