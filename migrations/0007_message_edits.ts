import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// An author's edit keeps the text it replaced (the audit log keeps every version), and a removal
// by the author is told apart from our own delete, so a card can say which happened.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE messages
      ADD COLUMN previous_text text,
      ADD COLUMN author_deleted_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE messages DROP COLUMN author_deleted_at, DROP COLUMN previous_text`.execute(db);
}
