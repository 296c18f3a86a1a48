import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE escalations (
      id bigserial PRIMARY KEY,
      conversation_id bigint NOT NULL REFERENCES conversations(id),
      card_id bigint NOT NULL REFERENCES cards(id),
      chat text NOT NULL,
      channel text NOT NULL,
      alert_message_id text,
      reason text NOT NULL,
      priority text NOT NULL DEFAULT 'high',
      escalated_by text NOT NULL,
      pings integer NOT NULL DEFAULT 0,
      last_ping_at timestamptz,
      acknowledged_at timestamptz,
      acknowledged_by text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (card_id)
    );
    CREATE INDEX escalations_open ON escalations (created_at) WHERE acknowledged_at IS NULL;

    ALTER TABLE conversations
      ADD COLUMN sla_warn_at timestamptz,
      ADD COLUMN sla_warned_at timestamptz,
      ADD COLUMN sla_breached_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE conversations DROP COLUMN sla_breached_at, DROP COLUMN sla_warned_at, DROP COLUMN sla_warn_at;
    DROP TABLE escalations;
  `.execute(db);
}
