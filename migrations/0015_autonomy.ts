import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// Earned autonomy. A veto is a rule's reply held for a countdown: its state moves once, from
// 'pending' to 'stopped' (a person) or 'sent' (the deadline), by a conditional update, so Stop and
// the send never both win. An undo is one automatic action's way back, open until undo_until; it
// is taken once (undone_at). Log threads are one a day per chat channel, claimed before posting.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE autonomy_vetoes (
      id bigserial PRIMARY KEY,
      decision_id bigint NOT NULL UNIQUE REFERENCES decisions(id),
      message_id bigint NOT NULL REFERENCES messages(id),
      conversation_id bigint NOT NULL REFERENCES conversations(id),
      card_id bigint NOT NULL REFERENCES cards(id),
      rule text NOT NULL,
      deadline_at timestamptz NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'stopped', 'sent', 'superseded')),
      decided_by text,
      decided_at timestamptz,
      action_id bigint REFERENCES actions(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX autonomy_vetoes_pending ON autonomy_vetoes (deadline_at) WHERE state = 'pending';
    CREATE INDEX autonomy_vetoes_message ON autonomy_vetoes (message_id);
    CREATE INDEX autonomy_vetoes_rule ON autonomy_vetoes (rule, created_at);

    CREATE TABLE autonomy_undos (
      id bigserial PRIMARY KEY,
      action_id bigint NOT NULL UNIQUE REFERENCES actions(id),
      rule text NOT NULL,
      undo_until timestamptz NOT NULL,
      log_chat text,
      log_channel text,
      log_message_id text,
      undone_by text,
      undone_at timestamptz,
      undo_action_id bigint REFERENCES actions(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX autonomy_undos_rule ON autonomy_undos (rule, created_at);

    CREATE TABLE autonomy_log_threads (
      chat text NOT NULL,
      channel text NOT NULL,
      day date NOT NULL,
      thread_id text,
      PRIMARY KEY (chat, channel, day)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE autonomy_log_threads, autonomy_undos, autonomy_vetoes`.execute(db);
}
