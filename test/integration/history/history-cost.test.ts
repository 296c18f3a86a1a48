import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/db.js';
import { type HistoryQuery, historyStatement, readHistory } from '../../../src/store/history.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';
import { explainNodes, type PlanNode, rowsRead } from '../../support/query-plan.js';

/*
 * The live path's context query must not do more work as a post (and its author) gather
 * history (issue 11, point 5). Measured from Postgres's own plan, not the clock: the rows
 * every plan node produced, at 10,000 and at 100,000 earlier comments on one post, and the
 * indexes the plan uses.
 */

/** The LIMITs of the four windows (100 + 300 + 100 + 100) and about 1,000 rows of other people's traffic among them. */
const ROWS_BOUND = 2_000;

let database: IsolatedDatabase;
let db: Db;
const NOW = new Date('2026-11-23T12:00:00Z');
const ids = { account: '', contact: '', conversation: '' };

/**
 * `count` more comments on the viral post, one a second before the earliest so far, from a
 * crowd of 1,000 people (the author we ask about wrote the first 50); every 10th auto-replied,
 * every 5th handed off.
 */
const addComments = async (from: number, count: number): Promise<void> => {
  await sql`
    WITH crowd AS (
      INSERT INTO contacts (platform, external_id) SELECT 'instagram', 'crowd' || ${from}::int || '-' || n FROM generate_series(1, 1000) AS n RETURNING id),
    inserted AS (
      INSERT INTO messages (platform, external_id, direction, kind, account_id, contact_id, conversation_id, text, post_id, created_at)
      SELECT 'instagram', 'c' || n, 'inbound', 'comment', ${ids.account},
             CASE WHEN n < 50 THEN ${ids.contact}::bigint ELSE (SELECT min(id) FROM crowd) + n % 1000 END,
             ${ids.conversation}, 'wow', 'viral', ${NOW}::timestamptz - make_interval(secs => n + 1)
      FROM generate_series(${from}::int, ${from + count - 1}::int) AS n
      RETURNING id, created_at, (substring(external_id from 2))::int AS n)
    INSERT INTO decisions (message_id, kind, rule, detail, created_at)
    SELECT id, CASE WHEN n % 10 = 0 THEN 'auto_reply' ELSE 'handoff' END, 'r',
           CASE WHEN n % 10 = 0 THEN '{"phrasing":"thanks.en.1"}'::jsonb ELSE '{}'::jsonb END, created_at
    FROM inserted WHERE n % 5 = 0
  `.execute(db);
  await sql`ANALYZE messages`.execute(db);
  await sql`ANALYZE decisions`.execute(db);
};

/** Everyone else: other people on other posts, newer than the viral post's comments, so no shortcut through time alone works. */
const addOtherTraffic = async (count: number): Promise<void> => {
  await sql`
    WITH people AS (
      INSERT INTO contacts (platform, external_id) SELECT 'instagram', 'other' || n FROM generate_series(1, 50) AS n RETURNING id),
    inserted AS (
      INSERT INTO messages (platform, external_id, direction, kind, account_id, contact_id, conversation_id, text, post_id, created_at)
      SELECT 'instagram', 'o' || n, 'inbound', 'comment', ${ids.account}, (SELECT min(id) FROM people) + n % 50, ${ids.conversation}, 'hi',
             'post' || (n % 200), ${NOW}::timestamptz - make_interval(secs => n * 0.1)
      FROM generate_series(1, ${count}::int) AS n
      RETURNING id, created_at)
    INSERT INTO decisions (message_id, kind, rule, created_at)
    SELECT id, CASE WHEN id % 2 = 0 THEN 'auto_reply' ELSE 'handoff' END, 'r', created_at FROM inserted
  `.execute(db);
};

const query = (): HistoryQuery => ({
  contactId: ids.contact,
  conversationId: ids.conversation,
  messageId: '0',
  platform: 'instagram',
  postId: 'viral',
  since: new Date(NOW.getTime() - 30 * 86_400_000),
  postSince: new Date(NOW.getTime() - 86_400_000),
  limit: 100,
});

const plan = (): Promise<PlanNode[]> => explainNodes(db, historyStatement(query()));

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const account = await sql<{
    id: string;
  }>`INSERT INTO accounts (platform, external_id) VALUES ('instagram', 'brand') RETURNING id`.execute(db);
  ids.account = account.rows[0]?.id as string;
  const contact = await sql<{ id: string }>`INSERT INTO contacts (platform, external_id) VALUES ('instagram', 'fan') RETURNING id`.execute(
    db,
  );
  ids.contact = contact.rows[0]?.id as string;
  const conversation = await sql<{ id: string }>`
    INSERT INTO conversations (platform, account_id, contact_id, kind, external_key, first_inbound_at, last_inbound_at)
    VALUES ('instagram', ${ids.account}, ${ids.contact}, 'comment', 'viral', ${NOW}, ${NOW}) RETURNING id`.execute(db);
  ids.conversation = conversation.rows[0]?.id as string;
}, 120_000);
afterAll(async () => {
  await database?.drop();
});

describe('the live context query, as a post goes viral', () => {
  it('reads as many rows at 100,000 comments on one post as at 10,000, through indexes', async () => {
    await addOtherTraffic(50_000);
    await addComments(0, 10_000);
    const small = await plan();
    const smallHistory = await readHistory(db, query());
    await addComments(10_000, 90_000);
    const large = await plan();
    const largeHistory = await readHistory(db, query());

    // Whichever index the planner takes for the post's comments (its own, or time when the post
    // is most of the recent traffic), the rows read are the newest each window needs plus the
    // other people's rows between them: the same bound at 10,000 and 100,000. The query before
    // migration 0013 joined every comment of the post to find its automatic replies: 10× as many.
    for (const measured of [small, large]) expect(rowsRead(measured)).toBeLessThanOrEqual(ROWS_BOUND);
    expect(rowsRead(large)).toBeLessThan(3 * rowsRead(small));
    // Nothing reads a table whole, and the two decision windows use their own indexes (migration 0013).
    for (const measured of [small, large]) {
      expect(measured.filter((node) => node['Node Type'] === 'Seq Scan')).toEqual([]);
      const indexes = new Set(measured.map((node) => node['Index Name']));
      for (const name of ['messages_contact_time', 'decisions_author_window', 'decisions_post_auto_replies'])
        expect(indexes).toContain(name);
    }
    // And it still answers the same windows: the newest 100 of each, newest first.
    for (const history of [smallHistory, largeHistory]) {
      expect(history.postComments).toHaveLength(100);
      expect(history.postAutoReplies).toHaveLength(100);
      expect(history.postAutoReplies[0]?.phrasing).toBe('thanks.en.1');
      expect(history.authorMessages).toHaveLength(50);
      expect(history.authorDecisions).toHaveLength(10);
    }
    expect(largeHistory.postComments[0]?.getTime()).toBe(NOW.getTime() - 1_000);
  }, 300_000);

  it('copies the message’s contact and post onto each new decision', async () => {
    const { rows } = await sql<{ contact_id: string; post_platform: string; post_id: string }>`
      SELECT contact_id, post_platform, post_id FROM decisions WHERE contact_id = ${ids.contact} ORDER BY id DESC LIMIT 1`.execute(db);
    expect(rows[0]).toEqual({ contact_id: ids.contact, post_platform: 'instagram', post_id: 'viral' });
  });
});
