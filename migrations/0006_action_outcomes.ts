import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// An action's outcome as a state: 'unknown' when the last attempt never heard back and the platform
// cannot tell, 'cancelled' by an operator. An attempt in flight names its owner and holds a lease;
// past the lease it is stuck, and the reconciler takes it over. `verify_first` makes the next attempt
// ask the platform before calling it; `resend_approved_by` is the person who chose to send again
// although the platform could not confirm the first send.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE actions DROP CONSTRAINT IF EXISTS actions_status_check;
    ALTER TABLE actions ADD CONSTRAINT actions_status_check
      CHECK (status IN ('pending', 'in_flight', 'succeeded', 'failed', 'unknown', 'cancelled'));
    ALTER TABLE actions
      ADD COLUMN owner text,
      ADD COLUMN lease_until timestamptz,
      ADD COLUMN verify_first boolean NOT NULL DEFAULT false,
      ADD COLUMN resend_approved_by text;
    CREATE INDEX actions_needing_attention ON actions (created_at) WHERE status IN ('in_flight', 'failed', 'unknown');
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX actions_needing_attention;
    UPDATE actions SET status = 'failed' WHERE status IN ('unknown', 'cancelled');
    ALTER TABLE actions DROP COLUMN owner, DROP COLUMN lease_until, DROP COLUMN verify_first, DROP COLUMN resend_approved_by;
    ALTER TABLE actions DROP CONSTRAINT actions_status_check;
    ALTER TABLE actions ADD CONSTRAINT actions_status_check CHECK (status IN ('pending', 'in_flight', 'succeeded', 'failed'));
  `.execute(db);
}
