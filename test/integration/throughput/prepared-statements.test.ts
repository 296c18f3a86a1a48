import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../src/store/db.js';
import { prepareAs, preparedName } from '../../../src/store/prepared-statements.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';

/*
 * Marked statements are prepared once per connection under their name, so Postgres parses and
 * plans them once (a card's context query was planned on every card, in five times the time it
 * ran); every other statement still runs unnamed, so a connection keeps no statement per
 * multi-row insert shape.
 */

let database: IsolatedDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

const prepared = (conn: Db) =>
  sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`.execute(conn);

it('prepares a marked statement once per connection under its name, and leaves the others unnamed', async () => {
  await db.connection().execute(async (conn) => {
    for (let n = 1; n <= 3; n += 1) {
      const { rows } = await sql<{ n: number }>`${sql.raw(prepareAs('test_echo'))} SELECT ${n}::int AS n`.execute(conn);
      expect(rows).toEqual([{ n }]);
    }
    await sql`SELECT ${4}::int AS n`.execute(conn);
    const statements = (await prepared(conn)).rows;
    expect(statements.map((row) => row.name)).toEqual(['test_echo']);
    expect(statements[0]?.statement).toContain('SELECT $1::int AS n');
  });
});

it('reads the name only from a marker at the start of the statement', () => {
  expect(preparedName(`\n  ${prepareAs('card_context')}\n  SELECT 1`)).toBe('card_context');
  expect(preparedName(`EXPLAIN ${prepareAs('card_context')} SELECT 1`)).toBeUndefined();
  expect(preparedName('SELECT 1 /* prepared:card_context */')).toBeUndefined();
  expect(() => prepareAs('Card-Context')).toThrow(/lower-case letters/);
});

it('refuses one name for two texts on a connection, rather than running the wrong one', async () => {
  await db.connection().execute(async (conn) => {
    await sql`${sql.raw(prepareAs('test_clash'))} SELECT 1 AS n`.execute(conn);
    await expect(sql`${sql.raw(prepareAs('test_clash'))} SELECT 2 AS n`.execute(conn)).rejects.toThrow(/different statement/);
  });
});
