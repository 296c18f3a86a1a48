import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { withPreparedStatements } from './prepared-statements.js';
import type { Database } from './schema.js';

// bigint ids stay strings (exact); timestamps are Dates; numeric → number where we aggregate.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close: () => Promise<void>;
}

export const connectDb = (databaseUrl: string, options: { max?: number; onError?: (error: Error) => void } = {}): DbHandle => {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
  // A connection dropped by a Postgres restart emits 'error' on its client — idle ones through the
  // pool, checked-out ones on the client itself. Without listeners on both, the process dies.
  pool.on('error', (error) => options.onError?.(error));
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onError?.(error));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
  return { db, pool, close: () => db.destroy() };
};
