import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { connectDb, type DbHandle } from '../../src/store/db.js';
import { migrateDatabase } from '../../src/store/migrate.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const uniqueName = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export interface IsolatedDatabase extends DbHandle {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/** A fresh, migrated database for one test file; drop() removes it. */
export const createTestDatabase = async (): Promise<IsolatedDatabase> => {
  const name = uniqueName('sb_test');
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const handle = connectDb(url.toString(), { max: 10 });
  return {
    ...handle,
    url: url.toString(),
    name,
    drop: async () => {
      await handle.close().catch(() => undefined);
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
};

export interface IsolatedRedis {
  prefix: string;
  url: string;
  /** Deletes every key under this file's prefix (what "Redis emptied" means for one file). */
  flush: () => Promise<void>;
  close: () => Promise<void>;
}

export const createTestRedis = (): IsolatedRedis => {
  const prefix = uniqueName('sbtest');
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false });
  const flush = async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  };
  return {
    prefix,
    url: TEST_REDIS_URL,
    flush,
    close: async () => {
      await flush().catch(() => undefined);
      redis.disconnect();
    },
  };
};
