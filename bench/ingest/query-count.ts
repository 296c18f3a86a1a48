import pg from 'pg';

/*
 * Postgres round trips made by this process, counted where every query leaves it: pg's
 * `Client#query` (Kysely, the event writer's pool and BEGIN/COMMIT all pass through it). Only the
 * benchmark's server script imports this; production code never pays for the counter.
 */

let queries = 0;
const original = pg.Client.prototype.query;

export const countQueries = (): void => {
  if ((pg.Client.prototype.query as { counted?: true }).counted) return;
  const counted = function (this: pg.Client, ...args: unknown[]) {
    queries += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  pg.Client.prototype.query = Object.assign(counted, { counted: true as const }) as unknown as typeof original;
};

export const queriesSoFar = (): number => queries;
