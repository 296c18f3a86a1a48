import { sql } from 'kysely';
import type { Db } from './db.js';

/** One trivial statement: resolves when Postgres answers, rejects when it cannot be reached. */
export const pingDatabase = async (db: Db): Promise<void> => {
  await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
};

/** How many migrations the database has applied (0 when it has never been migrated). */
export const countAppliedMigrations = async (db: Db): Promise<number> =>
  sql<{ count: string }>`SELECT count(*) AS count FROM kysely_migration`
    .execute(db)
    .then((result) => Number(result.rows[0]?.count ?? 0))
    .catch(() => 0);
