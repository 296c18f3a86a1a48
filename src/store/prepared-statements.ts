import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/*
 * Named prepared statements for the few hot statements whose planning costs more than running
 * them. Kysely sends every statement unnamed, so Postgres plans it on every call: a card's context
 * query was planned in 0.8 ms and run in 0.16 ms, once per card posted or refreshed. A statement
 * whose SQL opens with a marker comment, `/* prepared:NAME *\/`, is prepared once per connection
 * under NAME (pg parses it once, then only binds and executes); Postgres then plans it with the
 * call's values for the first five calls and, when that is no cheaper, keeps one generic plan.
 *
 * Only marked statements are named: a connection keeps every statement it prepared until it
 * closes, so names must come from a fixed set of texts (pg refuses a name reused for another text).
 * Behind PgBouncer in transaction mode, this needs PgBouncer 1.21+ with max_prepared_statements set.
 */

const MARKER = /^\s*\/\* prepared:([a-z_]+) \*\//;

/** The statement's prepared name when its SQL is marked, undefined when it runs unnamed. */
export const preparedName = (text: string): string | undefined => MARKER.exec(text)?.[1];

/** SQL text that marks a statement as prepared under `name` (put it first in the statement). */
export const prepareAs = (name: string): string => {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`prepared statement name "${name}": lower-case letters and _ only`);
  return `/* prepared:${name} */`;
};

type Query = PostgresPoolClient['query'];

/** One wrapper per pg client, kept while the client lives: Kysely keys its connection by the client it gets. */
const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

const wrap = (client: pg.PoolClient): PostgresPoolClient => {
  let wrapper = wrappers.get(client);
  if (wrapper !== undefined) return wrapper;
  const query = ((text: unknown, values?: readonly unknown[]) => {
    // A cursor (Kysely's streaming) or an unmarked statement goes through as it came.
    const name = typeof text === 'string' ? preparedName(text) : undefined;
    if (name === undefined) return (client.query as (...args: unknown[]) => unknown)(text, values);
    return client.query({ name, text: text as string, values: values as unknown[] }) as Promise<PostgresQueryResult<unknown>>;
  }) as Query;
  wrapper = { query, release: () => client.release() };
  wrappers.set(client, wrapper);
  return wrapper;
};

/** The pool as Kysely's Postgres dialect takes it, preparing marked statements by name. */
export const withPreparedStatements = (pool: pg.Pool): PostgresPool => ({
  connect: async () => wrap(await pool.connect()),
  end: () => pool.end(),
});
