import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// When an escalation alert was first attempted: a retry after a lost answer searches the
// channel for it before posting again (as cards do with post_attempted_at).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE escalations ADD COLUMN alert_attempted_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE escalations DROP COLUMN alert_attempted_at`.execute(db);
}
