import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// Comment storms. A storm card (a card a post-scope handoff opened) names its post in `storm_post`
// ('<platform>:<post id>'), set when it is first posted; routine cards on that post then fold into
// its placement in the same chat instead of being posted on their own. A folded placement keeps its
// card (state, SLA, KPIs unchanged) and points at the storm card's placement (`folded_into`);
// Unfold sets `unfolded_at` once, by a conditional update, and the placement is then posted as usual.
// On a storm card's placement, `fold_flush_due_at` says a coalesced update is queued and
// `fold_noted_through` is the last folded placement listed in its thread.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE cards ADD COLUMN storm_post text;
    CREATE INDEX cards_storm_post ON cards (storm_post) WHERE storm_post IS NOT NULL;

    ALTER TABLE card_placements
      ADD COLUMN folded_into bigint REFERENCES card_placements(id),
      ADD COLUMN folded_at timestamptz,
      ADD COLUMN unfolded_at timestamptz,
      ADD COLUMN fold_flush_due_at timestamptz,
      ADD COLUMN fold_noted_through bigint;
    CREATE INDEX card_placements_folded ON card_placements (folded_into, id) WHERE folded_into IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX card_placements_folded;
    ALTER TABLE card_placements
      DROP COLUMN fold_noted_through,
      DROP COLUMN fold_flush_due_at,
      DROP COLUMN unfolded_at,
      DROP COLUMN folded_at,
      DROP COLUMN folded_into;
    DROP INDEX cards_storm_post;
    ALTER TABLE cards DROP COLUMN storm_post;
  `.execute(db);
}
