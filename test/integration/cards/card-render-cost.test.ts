import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../src/store/db.js';
import { cardContextStatement, loadCardContext } from '../../../src/store/card-model.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';
import { explainGenericNodes, explainNodes, rowsRead } from '../../support/query-plan.js';

/*
 * A card is drawn on every change, and its one context query reads the author's month, the
 * message's actions, its held reply and the acting rule. None of that may cost more the longer the
 * account has been running: measured from Postgres's plan (rows read), not the clock, with 4,000
 * and then 20,000 other people's messages and actions in the month, and before any statistics.
 */

let database: IsolatedDatabase;
let db: Db;
const NOW = new Date();
const MONTH_AGO = new Date(NOW.getTime() - 30 * 86_400_000);
const card = { id: '', message_id: '' };
let account = '';
let conversation = '';

/** `count` more comments by other people this month, each with a reply sent (an action on its message). */
const addOtherTraffic = async (from: number, count: number, analyze = true): Promise<void> => {
  await sql`
    WITH people AS (
      INSERT INTO contacts (platform, external_id)
      SELECT 'facebook', 'other' || n FROM generate_series(${from}::int, ${from + count - 1}::int) AS n RETURNING id, external_id),
    inserted AS (
      INSERT INTO messages (platform, external_id, direction, kind, account_id, contact_id, conversation_id, text, post_id, created_at)
      SELECT 'facebook', 'm' || substring(p.external_id from 6), 'inbound', 'comment', ${account}, p.id, ${conversation}, 'hi', 'post',
             ${NOW}::timestamptz - make_interval(mins => (substring(p.external_id from 6))::int % 40000)
      FROM people p
      RETURNING id),
    decided AS (
      INSERT INTO decisions (message_id, kind, rule, detail)
      SELECT id, 'auto_reply', 'thanks', '{"autonomy": "auto"}'::jsonb FROM inserted)
    INSERT INTO actions (idempotency_key, kind, platform, target, status, requested_by, message_id)
    SELECT 'reply:' || id, 'reply', 'facebook', 'c' || id, 'succeeded', 'rule:thanks', id FROM inserted
  `.execute(db);
  if (!analyze) return;
  await sql`ANALYZE messages`.execute(db);
  await sql`ANALYZE actions`.execute(db);
  await sql`ANALYZE decisions`.execute(db);
};

const plan = () => explainNodes(db, cardContextStatement(card, MONTH_AGO));
// The query is prepared by name: after five calls Postgres may keep one plan made without the values.
const genericPlan = () => explainGenericNodes(db, cardContextStatement(card, MONTH_AGO), 'card_context');

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  account = (await sql<{ id: string }>`INSERT INTO accounts (platform, external_id) VALUES ('facebook', 'page') RETURNING id`.execute(db))
    .rows[0]!.id;
  const author = (
    await sql<{ id: string }>`INSERT INTO contacts (platform, external_id) VALUES ('facebook', 'author') RETURNING id`.execute(db)
  ).rows[0]!.id;
  conversation = (
    await sql<{ id: string }>`
      INSERT INTO conversations (platform, account_id, contact_id, kind, external_key, first_inbound_at, last_inbound_at)
      VALUES ('facebook', ${account}, ${author}, 'comment', 'thread', ${NOW}, ${NOW}) RETURNING id`.execute(db)
  ).rows[0]!.id;
  card.message_id = (
    await sql<{ id: string }>`
      INSERT INTO messages (platform, external_id, direction, kind, account_id, contact_id, conversation_id, text, post_id, created_at)
      VALUES ('facebook', 'the-message', 'inbound', 'comment', ${account}, ${author}, ${conversation}, 'refund please', 'post', ${NOW})
      RETURNING id`.execute(db)
  ).rows[0]!.id;
  card.id = (
    await sql<{ id: string }>`
      INSERT INTO cards (conversation_id, message_id, reasons)
      VALUES (${conversation}, ${card.message_id}, '[{"rule": "refund", "kind": "handoff", "matched": []}]')
      RETURNING id`.execute(db)
  ).rows[0]!.id;
}, 120_000);
afterAll(async () => {
  await database?.drop();
});

it('reads only the rows it needs before the tables have statistics, as on a new install in its first storm', async () => {
  // Autovacuum analyzes a table a minute or more after it grows; until then the planner guesses.
  await addOtherTraffic(0, 2_000, false);
  expect(rowsRead(await plan())).toBeLessThanOrEqual(50);
  expect(rowsRead(await genericPlan())).toBeLessThanOrEqual(50);
});

it("reads as many rows with 20,000 other people's messages and actions in the month as with 4,000, through indexes", async () => {
  await addOtherTraffic(2_000, 2_000);
  const small = await plan();
  await addOtherTraffic(4_000, 16_000);
  const large = await plan();

  // The card's own rows and the author's: a few dozen at most, whatever the others did. Before
  // migration 0018 the message's actions were found by reading every action ever taken.
  const largeGeneric = await genericPlan();
  for (const measured of [small, large, largeGeneric]) {
    expect(rowsRead(measured)).toBeLessThanOrEqual(50);
    const scans = measured.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] !== 'cards');
    expect(scans.map((node) => node['Relation Name'])).toEqual([]);
  }
  expect(rowsRead(large)).toBe(rowsRead(small));
  // And the card still reads right: no held reply, no acting rule, no actions of its own.
  const context = await loadCardContext(db, card, MONTH_AGO);
  expect(context).toMatchObject({ recentMessages: 0, pastHandoffs: 0, actions: [], heldReply: undefined, actingRule: undefined });
}, 120_000);
