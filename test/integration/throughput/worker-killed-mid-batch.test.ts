import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { exited, spawnWorker } from '../../support/child-worker.js';
import { queuesIdle } from '../../support/queue-state.js';
import { comment, isHandoff, orderOf, postOf } from './comments.js';

/** Batched ingest, as by default (SWITCHBOARD_INGEST_BATCH in the README), said explicitly: the test depends on it. */
const BATCHED = { SWITCHBOARD_INGEST_BATCH: '100' };

/*
 * A worker SIGKILLed in the middle of its ingest transaction: nothing it had claimed or stored
 * survives, another worker takes the events up, and each is processed exactly once. The test
 * holds one post's history lock (the advisory lock ingest takes before deciding), so the
 * worker's transaction stops mid-way, with events claimed and messages stored, until it is killed.
 */

const COMMENTS = 60;

let services: Services;
let web: Running;
let rescuer: Running | undefined;
let holder: pg.Client;

beforeAll(async () => {
  services = await startServices();
  web = await startApp(services, { worker: false });
  holder = new pg.Client({ connectionString: services.database.url });
  await holder.connect();
});
afterAll(async () => {
  await holder?.end();
  await rescuer?.stop();
  await web?.stop();
  await services?.close();
});

const historyLockOf = (postId: string) => `post:facebook:${postId}`;

/** Ingest transactions of other connections waiting for an advisory lock. */
const waitingOnHistoryLock = async (): Promise<number> => {
  const { rows } = await holder.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid <> pg_backend_pid()",
  );
  return Number(rows[0]?.n ?? 0);
};

it('a worker killed mid-transaction loses nothing, and every event is processed once by another', async () => {
  await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [historyLockOf(postOf(1))]);
  const doomed = spawnWorker({ ...services.env, ...BATCHED, SWITCHBOARD_JOB_LOCK_MS: '1000', SWITCHBOARD_RECONCILE_INTERVAL_MS: '600000' });
  try {
    for (let n = 1; n <= COMMENTS; n += 1) expect((await postMeta(web.url!, comment('63', n))).status).toBe(200);
    await Promise.race([
      eventually(async () => (await waitingOnHistoryLock()) > 0, 'the worker to stop mid-transaction on the held lock', 60_000),
      exited(doomed).then(() => {
        throw new Error(`the worker exited early:\n${doomed.output()}`);
      }),
    ]);
    doomed.kill('SIGKILL');
    await exited(doomed);
  } finally {
    await holder.query('SELECT pg_advisory_unlock_all()');
  }

  rescuer = await startApp(services, {
    web: false,
    lockDurationMs: 1000,
    env: { ...BATCHED, SWITCHBOARD_RECONCILE_INTERVAL_MS: '500', SWITCHBOARD_RECONCILE_AFTER_MS: '0' },
  });
  const db = services.database.db;
  await eventually(
    async () => (await db.selectFrom('inbound_events').select('id').where('processed_at', 'is not', null).execute()).length === COMMENTS,
    'every event to be processed after the kill',
    60_000,
  );
  const handoffs = Array.from({ length: COMMENTS }, (_, i) => i + 1).filter(isHandoff);
  await eventually(async () => cardsIn(services).length >= handoffs.length, 'the handoff cards', 30_000);
  await eventually(() => queuesIdle(services), 'the queues to drain', 30_000);

  const messages = await db.selectFrom('messages').select(['external_id', 'event_id']).where('direction', '=', 'inbound').execute();
  expect(messages).toHaveLength(COMMENTS);
  expect(new Set(messages.map((message) => message.external_id)).size).toBe(COMMENTS);
  expect(new Set(messages.map((message) => message.event_id)).size).toBe(COMMENTS);
  const decided = await db.selectFrom('decisions').select('message_id').where('kind', '=', 'handoff').execute();
  expect(new Set(decided.map((decision) => decision.message_id)).size).toBe(decided.length);
  const orders = cardsIn(services)
    .map((card) => /order (7\d{7})/u.exec(JSON.stringify(card))?.[1])
    .filter((order): order is string => order !== undefined)
    .sort();
  expect(orders).toEqual(handoffs.map(orderOf).sort());
}, 180_000);
