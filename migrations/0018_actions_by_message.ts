import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// A message's actions are read on every render of its card (the card's action history) and by
// erasure; without an index that read scanned every action ever taken, so a card cost more to draw
// the longer the account had been running.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX actions_message ON actions (message_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX actions_message`.execute(db);
}
