import pg from 'pg';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAMES } from '../../src/jobs/queues.js';
import { createTestRedis, uniqueName, type IsolatedRedis } from '../../test/support/isolated.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const admin = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** The reference server's own database: one table, nothing else. */
export const createReferenceDatabase = async (): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = uniqueName('sb_bench_ref');
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await admin(ADMIN_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
  await admin(url.toString(), (client) =>
    client.query(`CREATE TABLE bench_events (
      id bigserial PRIMARY KEY,
      dedupe_key text NOT NULL UNIQUE,
      payload jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`),
  );
  return {
    url: url.toString(),
    drop: () => admin(ADMIN_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
};

export const createBenchRedis = (): IsolatedRedis => createTestRedis();

/** Jobs waiting, running or backing off before a retry in a Switchboard prefix: the workers' backlog (timers set for later are not). */
export const createBacklogProbe = (redisUrl: string, prefix: string) => {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection, prefix }));
  const backlog = async (): Promise<number> => {
    const counts = await Promise.all(
      queues.map((queue) =>
        queue.getJobCounts('waiting', 'active', 'prioritized', ...(queue.name === 'timers' ? [] : ['delayed' as const])),
      ),
    );
    return counts.reduce((sum, count) => sum + Object.values(count).reduce((a, b) => a + b, 0), 0);
  };
  return {
    backlog,
    /** Waits until the workers have caught up (or the time runs out); returns what is left. */
    drain: async (timeoutMs: number): Promise<number> => {
      const deadline = Date.now() + timeoutMs;
      let left = await backlog();
      while (left > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        left = await backlog();
      }
      return left;
    },
    close: async () => {
      await Promise.all(queues.map((queue) => queue.close()));
      connection.disconnect();
    },
  };
};
