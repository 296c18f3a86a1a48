import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE accounts (
      id bigserial PRIMARY KEY,
      platform text NOT NULL,
      external_id text NOT NULL,
      name text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (platform, external_id)
    );

    CREATE TABLE contacts (
      id bigserial PRIMARY KEY,
      platform text NOT NULL,
      external_id text NOT NULL,
      name text,
      username text,
      tags text[] NOT NULL DEFAULT '{}',
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (platform, external_id)
    );

    CREATE TABLE inbound_events (
      id bigserial PRIMARY KEY,
      source text NOT NULL,
      dedupe_key text NOT NULL,
      payload jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      processed_at timestamptz,
      failed_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      UNIQUE (source, dedupe_key)
    );
    CREATE INDEX inbound_events_unprocessed ON inbound_events (received_at)
      WHERE processed_at IS NULL AND failed_at IS NULL;

    CREATE TABLE conversations (
      id bigserial PRIMARY KEY,
      platform text NOT NULL,
      account_id bigint NOT NULL REFERENCES accounts(id),
      contact_id bigint NOT NULL REFERENCES contacts(id),
      kind text NOT NULL CHECK (kind IN ('comment', 'dm')),
      external_key text NOT NULL,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'waiting', 'resolved', 'ignored')),
      needs_response boolean NOT NULL DEFAULT false,
      priority text NOT NULL DEFAULT 'normal',
      assignee text,
      first_inbound_at timestamptz NOT NULL,
      last_inbound_at timestamptz NOT NULL,
      first_response_at timestamptz,
      first_response_by text CHECK (first_response_by IN ('automation', 'human')),
      sla_deadline_at timestamptz,
      escalated_at timestamptz,
      resolved_at timestamptz,
      funnel_state jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (platform, external_key)
    );
    CREATE INDEX conversations_open ON conversations (state, sla_deadline_at) WHERE state IN ('open', 'waiting');
    CREATE INDEX conversations_first_inbound ON conversations (first_inbound_at);

    CREATE TABLE messages (
      id bigserial PRIMARY KEY,
      event_id bigint REFERENCES inbound_events(id),
      platform text NOT NULL,
      external_id text NOT NULL,
      direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      kind text NOT NULL CHECK (kind IN ('comment', 'reply', 'dm')),
      account_id bigint NOT NULL REFERENCES accounts(id),
      contact_id bigint NOT NULL REFERENCES contacts(id),
      conversation_id bigint NOT NULL REFERENCES conversations(id),
      text text NOT NULL,
      post_id text,
      post_url text,
      parent_external_id text,
      language text,
      sentiment real,
      from_self boolean NOT NULL DEFAULT false,
      hidden boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      deleted_at timestamptz,
      UNIQUE (platform, external_id)
    );
    CREATE INDEX messages_contact_time ON messages (contact_id, created_at);
    CREATE INDEX messages_post_time ON messages (platform, post_id, created_at) WHERE post_id IS NOT NULL;
    CREATE INDEX messages_conversation ON messages (conversation_id, created_at);
    CREATE INDEX messages_created ON messages (created_at);

    CREATE TABLE decisions (
      id bigserial PRIMARY KEY,
      message_id bigint NOT NULL REFERENCES messages(id),
      kind text NOT NULL,
      rule text NOT NULL,
      matched text[] NOT NULL DEFAULT '{}',
      detail jsonb NOT NULL DEFAULT '{}',
      reversed_at timestamptz,
      reversed_by text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX decisions_message ON decisions (message_id);
    CREATE INDEX decisions_created ON decisions (created_at);

    CREATE TABLE cards (
      id bigserial PRIMARY KEY,
      conversation_id bigint NOT NULL REFERENCES conversations(id),
      message_id bigint NOT NULL REFERENCES messages(id),
      chat text NOT NULL CHECK (chat IN ('slack', 'discord')),
      channel text NOT NULL,
      chat_message_id text,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acting', 'resolved', 'failed')),
      version integer NOT NULL DEFAULT 1,
      priority text NOT NULL DEFAULT 'normal',
      draft text,
      draft_source text,
      draft_note text,
      reasons jsonb NOT NULL DEFAULT '[]',
      last_action text,
      last_actor text,
      last_acted_at timestamptz,
      post_attempted_at timestamptz,
      posted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (message_id, chat)
    );
    CREATE INDEX cards_unposted ON cards (created_at) WHERE chat_message_id IS NULL;

    CREATE TABLE actions (
      id bigserial PRIMARY KEY,
      idempotency_key text NOT NULL UNIQUE,
      kind text NOT NULL,
      platform text NOT NULL,
      target text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_flight', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      requested_by text NOT NULL,
      conversation_id bigint REFERENCES conversations(id),
      message_id bigint REFERENCES messages(id),
      decision_id bigint REFERENCES decisions(id),
      card_id bigint REFERENCES cards(id),
      result jsonb,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    CREATE INDEX actions_unfinished ON actions (created_at) WHERE status IN ('pending', 'in_flight');
    CREATE INDEX actions_card ON actions (card_id);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE audit_log, actions, cards, decisions, messages, conversations, inbound_events, contacts, accounts;
  `.execute(db);
}
