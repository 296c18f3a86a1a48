import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// One row per polled source: where its last poll stopped, what it spent of the day's quota,
// when it may poll next, and which worker holds it (a lease, so two never poll it at once).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE polling_cursors (
      source text PRIMARY KEY,
      cursor text,
      units_used integer NOT NULL DEFAULT 0 CHECK (units_used >= 0),
      quota_resets_at timestamptz,
      next_poll_at timestamptz,
      leased_until timestamptz,
      lease_holder text,
      failures integer NOT NULL DEFAULT 0,
      last_error text,
      last_polled_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE polling_cursors`.execute(db);
}
