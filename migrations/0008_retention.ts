import { type Kysely, sql } from 'kysely';

// Frozen: never import application code here; later changes go in a new migration.
// Retention and erasure keep rows and timestamps (counts for KPIs) and remove what a person wrote
// or is called. `erased_at` marks what is done, so each batch is a cheap partial-index scan and a
// second run is a no-op; `redacted_at` tells a card to say it was removed at the author's request.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE messages ADD COLUMN erased_at timestamptz;
    ALTER TABLE inbound_events ADD COLUMN erased_at timestamptz;
    ALTER TABLE cards ADD COLUMN redacted_at timestamptz;
    CREATE INDEX messages_unerased ON messages (created_at) WHERE erased_at IS NULL;
    CREATE INDEX inbound_events_unerased ON inbound_events (received_at) WHERE erased_at IS NULL;

    -- Every string (and number) in a JSON value becomes "[erased]" (null), except under the keys
    -- in keep: ids, versions and rule names, which say what happened without saying who wrote what.
    CREATE FUNCTION erase_json_text(value jsonb, keep text[]) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      CASE jsonb_typeof(value)
        WHEN 'string' THEN RETURN to_jsonb('[erased]'::text);
        WHEN 'number' THEN RETURN 'null'::jsonb;
        WHEN 'array' THEN
          RETURN coalesce((SELECT jsonb_agg(erase_json_text(element, keep) ORDER BY position)
                           FROM jsonb_array_elements(value) WITH ORDINALITY AS t(element, position)), '[]'::jsonb);
        WHEN 'object' THEN
          RETURN coalesce((SELECT jsonb_object_agg(key, CASE WHEN key = ANY (keep) THEN item ELSE erase_json_text(item, keep) END)
                           FROM jsonb_each(value) AS t(key, item)), '{}'::jsonb);
        ELSE RETURN value;
      END CASE;
    END
    $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP FUNCTION erase_json_text(jsonb, text[]);
    DROP INDEX inbound_events_unerased, messages_unerased;
    ALTER TABLE cards DROP COLUMN redacted_at;
    ALTER TABLE inbound_events DROP COLUMN erased_at;
    ALTER TABLE messages DROP COLUMN erased_at;
  `.execute(db);
}
