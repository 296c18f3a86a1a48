import { sql } from 'kysely';
import type { Db } from '../../../src/store/db.js';

export interface Trace {
  table: string;
  column: string;
  needle: string;
}

/** Every text, varchar, array and json(b) column of every table in the public schema. */
const textColumns = async (db: Db) =>
  (
    await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
      ORDER BY table_name, column_name
    `.execute(db)
  ).rows;

/** Where any of the needles still appears (case-insensitive), column by column. */
export const findTraces = async (db: Db, needles: string[]): Promise<Trace[]> => {
  const traces: Trace[] = [];
  for (const { table_name: table, column_name: column } of await textColumns(db)) {
    for (const needle of needles) {
      const { rows } = await sql<{ found: boolean }>`
        SELECT EXISTS (SELECT 1 FROM ${sql.table(table)} WHERE ${sql.ref(column)}::text ILIKE ${`%${needle}%`}) AS found
      `.execute(db);
      if (rows[0]?.found) traces.push({ table, column, needle });
    }
  }
  return traces;
};
