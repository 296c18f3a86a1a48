import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// Columns the KPI definitions need that no join can answer cheaply on a million messages,
// and covering indexes so /kpi and /sla read index pages instead of the tables.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE messages ADD COLUMN handled_by text CHECK (handled_by IN ('rules', 'person'));

    ALTER TABLE cards ADD COLUMN draft_outcome text CHECK (draft_outcome IN ('approved', 'edited', 'rejected'));

    ALTER TABLE conversations
      ADD COLUMN acknowledged_at timestamptz,
      ADD COLUMN qualified_at timestamptz,
      ADD COLUMN booked_at timestamptz,
      ADD COLUMN converted_at timestamptz;

    CREATE INDEX messages_inbound_kpi ON messages (created_at)
      INCLUDE (platform, kind, handled_by) WHERE direction = 'inbound';
    CREATE INDEX decisions_created_kpi ON decisions (created_at) INCLUDE (kind, reversed_at);
    CREATE INDEX cards_draft_kpi ON cards (created_at)
      INCLUDE (message_id, draft_outcome) WHERE draft IS NOT NULL;
    CREATE INDEX conversations_awaiting_reply ON conversations (first_inbound_at)
      INCLUDE (platform, kind, assignee, sla_deadline_at)
      WHERE state IN ('open', 'waiting') AND needs_response AND first_response_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX conversations_awaiting_reply, cards_draft_kpi, decisions_created_kpi, messages_inbound_kpi;
    ALTER TABLE conversations
      DROP COLUMN converted_at,
      DROP COLUMN booked_at,
      DROP COLUMN qualified_at,
      DROP COLUMN acknowledged_at;
    ALTER TABLE cards DROP COLUMN draft_outcome;
    ALTER TABLE messages DROP COLUMN handled_by;
  `.execute(db);
}
