import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { answer, readSignedJson, requiredEnv } from './reference-http.js';
import { reportStartFailure, serveParent } from './server-process.js';

/*
 * The naive endpoint Switchboard is measured against: verify the Meta signature, insert one row
 * (pool of 10, one INSERT per request), enqueue one BullMQ job, answer 200. No batching, no framework.
 * Env: DATABASE_URL (a database with bench_events, see isolated-stores.ts), REDIS_URL,
 * QUEUE_PREFIX, META_APP_SECRET.
 */

const env = (name: string): string => requiredEnv(name, 'reference server');

const dedupeKey = (body: unknown): string | undefined => {
  const value = (body as { entry?: { changes?: { value?: { comment_id?: unknown } }[] }[] }).entry?.[0]?.changes?.[0]?.value;
  return typeof value?.comment_id === 'string' ? value.comment_id : undefined;
};

const main = async () => {
  const secret = env('META_APP_SECRET');
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10 });
  const redis = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null });
  const queue = new Queue('ingest', { connection: redis, prefix: env('QUEUE_PREFIX') });
  await pool.query('SELECT 1');
  await queue.waitUntilReady();

  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/webhooks/meta') return answer(res, 404, { error: 'not found' });
    void (async () => {
      const body = await readSignedJson(req, res, secret);
      if (body === undefined) return;
      const key = dedupeKey(body);
      if (!key) return answer(res, 400, { error: 'no comment_id' });
      const inserted = await pool.query<{ id: string }>(
        'INSERT INTO bench_events (dedupe_key, payload) VALUES ($1, $2) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id',
        [key, body],
      );
      const id = inserted.rows[0]?.id;
      if (id) await queue.add('ingest', { eventId: id }, { jobId: `ev-${id}`, attempts: 8, backoff: { type: 'exponential', delay: 1000 } });
      answer(res, 200, { received: 1, duplicates: id ? 0 : 1 });
    })().catch(() => answer(res, 503, { error: 'could not store the event' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  serveParent(`http://127.0.0.1:${port}/webhooks/meta`, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await queue.close();
    redis.disconnect();
    await pool.end();
  });
};

main().catch(reportStartFailure);
