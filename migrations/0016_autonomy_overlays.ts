import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// Levels changed from chat. An overlay is one rule's level over the playbook file's (file_level: the
// file's level when it was set; a file that says otherwise later wins). A suggestion is a promotion
// offered in the card channel: at most one open per rule (the unique index), decided once by a
// conditional update; its posts are one per chat. A veto whose rule is demoted while it counts down
// ends 'demoted': not sent, the card a plain draft again.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE autonomy_overlays (
      rule text PRIMARY KEY,
      level text NOT NULL CHECK (level IN ('draft', 'veto', 'auto')),
      file_level text NOT NULL CHECK (file_level IN ('draft', 'veto', 'auto')),
      set_by text NOT NULL,
      why text NOT NULL,
      figures text,
      since timestamptz NOT NULL
    );

    CREATE TABLE autonomy_suggestions (
      id bigserial PRIMARY KEY,
      rule text NOT NULL,
      from_level text NOT NULL,
      to_level text NOT NULL,
      figures text NOT NULL,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'promoted', 'declined', 'withdrawn')),
      decided_by text,
      decided_at timestamptz,
      quiet_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX autonomy_suggestions_open ON autonomy_suggestions (rule) WHERE state = 'open';
    CREATE INDEX autonomy_suggestions_rule ON autonomy_suggestions (rule, id);

    CREATE TABLE autonomy_suggestion_posts (
      suggestion_id bigint NOT NULL REFERENCES autonomy_suggestions(id),
      chat text NOT NULL,
      channel text NOT NULL,
      message_id text,
      PRIMARY KEY (suggestion_id, chat, channel)
    );

    ALTER TABLE autonomy_vetoes DROP CONSTRAINT autonomy_vetoes_state_check;
    ALTER TABLE autonomy_vetoes ADD CONSTRAINT autonomy_vetoes_state_check
      CHECK (state IN ('pending', 'stopped', 'sent', 'superseded', 'demoted'));

    -- A rule is reviewed after each outcome: its drafts in the window, found without reading everyone's.
    CREATE INDEX decisions_rule_drafts ON decisions (rule, created_at) WHERE kind = 'draft';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE autonomy_vetoes DROP CONSTRAINT autonomy_vetoes_state_check;
    UPDATE autonomy_vetoes SET state = 'superseded' WHERE state = 'demoted';
    ALTER TABLE autonomy_vetoes ADD CONSTRAINT autonomy_vetoes_state_check
      CHECK (state IN ('pending', 'stopped', 'sent', 'superseded'));
    DROP INDEX decisions_rule_drafts;
    DROP TABLE autonomy_suggestion_posts, autonomy_suggestions, autonomy_overlays;
  `.execute(db);
}
