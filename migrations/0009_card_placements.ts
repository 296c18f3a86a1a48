import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// One card, shown in several chats: the card keeps its one state, version and history, and each chat
// it is shown in gets a placement (its channel, its message once posted, its own post attempt for the
// unknown-outcome search). Every existing card becomes one card with one placement.
// A card is now one per message. Cards made before, when each chat got its own card, may share a
// message: `split_chat` keeps those apart (the chat each was opened for) and is null for every other card.
// Escalations stay one row per chat they ring in (each has its own alert, pings and timers); unique per
// card and chat, and acknowledged together (one statement for all of a card's rows).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE card_placements (
      id bigserial PRIMARY KEY,
      card_id bigint NOT NULL REFERENCES cards(id),
      chat text NOT NULL CHECK (chat IN ('slack', 'discord')),
      channel text NOT NULL,
      chat_message_id text,
      post_attempted_at timestamptz,
      posted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (card_id, chat)
    );
    CREATE INDEX card_placements_unposted ON card_placements (created_at) WHERE chat_message_id IS NULL;
    CREATE INDEX card_placements_message ON card_placements (chat, chat_message_id);

    INSERT INTO card_placements (card_id, chat, channel, chat_message_id, post_attempted_at, posted_at, created_at)
      SELECT id, chat, channel, chat_message_id, post_attempted_at, posted_at, created_at FROM cards;

    ALTER TABLE cards ADD COLUMN split_chat text;
    UPDATE cards SET split_chat = chat
      WHERE message_id IN (SELECT message_id FROM cards GROUP BY message_id HAVING count(*) > 1);
    ALTER TABLE cards DROP CONSTRAINT cards_message_id_chat_key;
    DROP INDEX cards_unposted;
    ALTER TABLE cards DROP COLUMN chat, DROP COLUMN channel, DROP COLUMN chat_message_id,
      DROP COLUMN post_attempted_at, DROP COLUMN posted_at;
    CREATE UNIQUE INDEX cards_one_per_message ON cards (message_id, (coalesce(split_chat, '')));

    ALTER TABLE escalations DROP CONSTRAINT escalations_card_id_key;
    ALTER TABLE escalations ADD CONSTRAINT escalations_card_chat_key UNIQUE (card_id, chat);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Back to one chat per card: a card keeps its first placement (the others are dropped).
  await sql`
    ALTER TABLE escalations DROP CONSTRAINT escalations_card_chat_key;
    DELETE FROM escalations e USING escalations f WHERE e.card_id = f.card_id AND e.id > f.id;
    ALTER TABLE escalations ADD CONSTRAINT escalations_card_id_key UNIQUE (card_id);

    DROP INDEX cards_one_per_message;
    ALTER TABLE cards ADD COLUMN chat text, ADD COLUMN channel text, ADD COLUMN chat_message_id text,
      ADD COLUMN post_attempted_at timestamptz, ADD COLUMN posted_at timestamptz;
    UPDATE cards SET chat = p.chat, channel = p.channel, chat_message_id = p.chat_message_id,
        post_attempted_at = p.post_attempted_at, posted_at = p.posted_at
      FROM (SELECT DISTINCT ON (card_id) * FROM card_placements ORDER BY card_id, id) AS p WHERE p.card_id = cards.id;
    ALTER TABLE cards ALTER COLUMN chat SET NOT NULL, ALTER COLUMN channel SET NOT NULL,
      ADD CONSTRAINT cards_chat_check CHECK (chat IN ('slack', 'discord'));
    ALTER TABLE cards DROP COLUMN split_chat;
    ALTER TABLE cards ADD CONSTRAINT cards_message_id_chat_key UNIQUE (message_id, chat);
    CREATE INDEX cards_unposted ON cards (created_at) WHERE chat_message_id IS NULL;
    DROP TABLE card_placements;
  `.execute(db);
}
