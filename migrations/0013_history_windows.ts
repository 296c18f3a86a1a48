import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// The engine's windows read an author's and a post's recent decisions for every inbound message.
// Reached through messages, that read walks the whole history of a viral post (every comment, to
// find its automatic replies). Each decision now carries its message's contact and post, filled
// here by a trigger so every writer gets them, and two partial indexes serve the two windows as
// bounded range scans, newest first, whatever the history's size.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE decisions
      ADD COLUMN contact_id bigint,
      ADD COLUMN post_platform text,
      ADD COLUMN post_id text;

    CREATE FUNCTION decisions_copy_message_keys() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT m.contact_id, CASE WHEN m.post_id IS NULL THEN NULL ELSE m.platform END, m.post_id
        INTO NEW.contact_id, NEW.post_platform, NEW.post_id
        FROM messages m WHERE m.id = NEW.message_id;
      RETURN NEW;
    END $$;
    CREATE TRIGGER decisions_message_keys BEFORE INSERT ON decisions
      FOR EACH ROW EXECUTE FUNCTION decisions_copy_message_keys();

    UPDATE decisions d
      SET contact_id = m.contact_id, post_platform = CASE WHEN m.post_id IS NULL THEN NULL ELSE m.platform END, post_id = m.post_id
      FROM messages m WHERE m.id = d.message_id;

    CREATE INDEX decisions_author_window ON decisions (contact_id, created_at) WHERE kind <> 'ignore';
    CREATE INDEX decisions_post_auto_replies ON decisions (post_platform, post_id, created_at)
      WHERE kind = 'auto_reply';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER decisions_message_keys ON decisions;
    DROP FUNCTION decisions_copy_message_keys();
    ALTER TABLE decisions DROP COLUMN contact_id, DROP COLUMN post_platform, DROP COLUMN post_id;
  `.execute(db);
}
