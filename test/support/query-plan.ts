import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../src/store/db.js';

/*
 * A statement's work as Postgres counts it, from EXPLAIN ANALYZE: for tests that cost does not
 * grow with history, measured from the plan, never the clock.
 */

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/** Runs the statement under EXPLAIN ANALYZE and returns every node of its plan (subplans too). */
export const explainNodes = async (db: Db, statement: Expression<unknown>): Promise<PlanNode[]> => {
  const { rows } = await sql<{ 'QUERY PLAN': { Plan: PlanNode }[] }>`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`.execute(db);
  const root = rows[0]?.['QUERY PLAN'][0]?.Plan;
  if (root === undefined) throw new Error('no plan');
  return nodes(root);
};

/** Rows every node produced or read and threw away: the work, as Postgres counts it. */
export const rowsRead = (plan: readonly PlanNode[]): number =>
  plan.reduce((sum, node) => sum + (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'], 0);

/**
 * The plan Postgres keeps for a statement prepared by name (see src/store/prepared-statements.ts)
 * once it stops planning per call: the generic plan, which knows the parameters' types but not
 * their values. Runs the statement once on one connection (preparing it), then explains EXECUTE.
 */
export const explainGenericNodes = async (db: Db, statement: RawBuilder<unknown>, name: string): Promise<PlanNode[]> =>
  db.connection().execute(async (conn) => {
    await statement.execute(conn);
    const { parameters } = statement.compile(conn);
    await sql`SET plan_cache_mode = force_generic_plan`.execute(conn);
    try {
      // EXECUTE under EXPLAIN takes no bound parameters: the values go in as literals.
      const values = sql.join(parameters.map((value) => sql.lit(value instanceof Date ? value.toISOString() : (value as string | number))));
      const { rows } = await sql<{
        'QUERY PLAN': { Plan: PlanNode }[];
      }>`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${sql.id(name)}(${values})`.execute(conn);
      const root = rows[0]?.['QUERY PLAN'][0]?.Plan;
      if (root === undefined) throw new Error('no plan');
      return nodes(root);
    } finally {
      await sql`RESET plan_cache_mode`.execute(conn);
    }
  });
