import { Kysely, Migrator, PostgresDialect, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.js';
import type { Db } from './db.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Creates the database named in the URL when it does not exist yet. */
export const ensureDatabase = async (databaseUrl: string): Promise<boolean> => {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//u, ''));
  if (name === '') return false;
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return false;
    try {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    } catch (error) {
      // Two processes starting at once: the other one created it.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
    return true;
  } finally {
    await client.end();
  }
};

export interface MigrationReport {
  applied: string[];
}

export const migrateToLatest = async (db: Db): Promise<MigrationReport> => {
  const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const failed = results?.find((result) => result.status === 'Error');
  if (failed) throw new Error(`migration ${failed.migrationName} failed`);
  return { applied: (results ?? []).map((result) => result.migrationName) };
};

export const migrateDatabase = async (databaseUrl: string): Promise<MigrationReport & { created: boolean }> => {
  const created = await ensureDatabase(databaseUrl);
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }),
  });
  try {
    const report = await migrateToLatest(db as unknown as Db);
    return { ...report, created };
  } finally {
    await db.destroy();
  }
};
