import { type Expression, sql } from 'kysely';
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
