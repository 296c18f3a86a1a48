import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import {
  claimCardPost,
  findCardIdByChatMessage,
  findCardPlacements,
  openCard,
  recordCardPostAndRelease,
  releaseCardPost,
  saveRewrittenDraft,
} from '../../../src/store/cards.js';
import type { Db } from '../../../src/store/db.js';
import { acknowledgeEscalation, findCardEscalations, openEscalation } from '../../../src/store/escalations.js';
import { ensureDatabase } from '../../../src/store/migrate.js';
import { findStaleWork } from '../../../src/store/stale-work.js';
import { createTestDatabase, type IsolatedDatabase, uniqueName } from '../../support/isolated.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LATER = new Date(Date.now() + 3_600_000);

/** One account, contact, conversation and message per call, as SQL (the store's own writers need more context). */
const seedMessage = async <T>(db: Kysely<T>, n: number): Promise<{ conversationId: string; messageId: string }> => {
  const { rows } = await sql<{ conversation_id: string; message_id: string }>`
    WITH account AS (INSERT INTO accounts (platform, external_id) VALUES ('facebook', ${`page-${n}`}) RETURNING id),
    contact AS (INSERT INTO contacts (platform, external_id) VALUES ('facebook', ${`person-${n}`}) RETURNING id),
    conversation AS (
      INSERT INTO conversations (platform, account_id, contact_id, kind, external_key, first_inbound_at, last_inbound_at)
      SELECT 'facebook', account.id, contact.id, 'comment', ${`post-${n}`}, now(), now() FROM account, contact RETURNING id
    ),
    message AS (
      INSERT INTO messages (platform, external_id, direction, kind, account_id, contact_id, conversation_id, text, created_at)
      SELECT 'facebook', ${`comment-${n}`}, 'inbound', 'comment', account.id, contact.id, conversation.id, 'refund please', now()
      FROM account, contact, conversation RETURNING id, conversation_id
    )
    SELECT conversation_id, id AS message_id FROM message
  `.execute(db);
  return { conversationId: rows[0]!.conversation_id, messageId: rows[0]!.message_id };
};

describe('migration 0009: every card becomes one card with one placement', () => {
  const name = uniqueName('sb_test');
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    await ensureDatabase(url.toString());
    db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 2 }) }) });
  });
  afterAll(async () => {
    await db?.destroy();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
  });

  it('keeps each card, its state and where it was posted; cards that each chat got of one message stay apart', async () => {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0008_retention')).error).toBeUndefined();
    const one = await seedMessage(db, 1);
    const two = await seedMessage(db, 2);
    await sql`
      INSERT INTO cards (id, conversation_id, message_id, chat, channel, chat_message_id, state, version, post_attempted_at, posted_at)
      VALUES (1, ${one.conversationId}, ${one.messageId}, 'slack', 'C0CARDS', '1700000000.000100', 'resolved', 4, now(), now()),
             (2, ${two.conversationId}, ${two.messageId}, 'slack', 'C0CARDS', NULL, 'open', 1, now(), NULL),
             (3, ${two.conversationId}, ${two.messageId}, 'discord', '1100000000000000001', '1200000000000000001', 'open', 2, now(), now())
    `.execute(db);
    await sql`SELECT setval('cards_id_seq', 3)`.execute(db);
    await sql`
      INSERT INTO escalations (conversation_id, card_id, chat, channel, alert_message_id, reason, escalated_by)
      VALUES (${one.conversationId}, 1, 'slack', 'C0ESCALATE', '1700000000.000200', 'legal threat', 'rule:escalate-legal');
    `.execute(db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    // Migrated to the latest schema: the application's types describe it now.
    const after = db as unknown as Db;

    const cards = await after.selectFrom('cards').select(['id', 'state', 'version', 'split_chat']).orderBy('id').execute();
    expect(cards).toEqual([
      { id: '1', state: 'resolved', version: 4, split_chat: null },
      { id: '2', state: 'open', version: 1, split_chat: 'slack' },
      { id: '3', state: 'open', version: 2, split_chat: 'discord' },
    ]);
    const placements = await after
      .selectFrom('card_placements')
      .select(['card_id', 'chat', 'channel', 'chat_message_id'])
      .select(sql<boolean>`post_attempted_at IS NOT NULL`.as('attempted'))
      .orderBy('card_id')
      .execute();
    expect(placements).toEqual([
      { card_id: '1', chat: 'slack', channel: 'C0CARDS', chat_message_id: '1700000000.000100', attempted: true },
      { card_id: '2', chat: 'slack', channel: 'C0CARDS', chat_message_id: null, attempted: true },
      { card_id: '3', chat: 'discord', channel: '1100000000000000001', chat_message_id: '1200000000000000001', attempted: true },
    ]);
    expect(await after.selectFrom('escalations').select(['card_id', 'chat', 'alert_message_id']).execute()).toEqual([
      { card_id: '1', chat: 'slack', alert_message_id: '1700000000.000200' },
    ]);
    // From now on a message has one card: a second one for the same message is refused.
    await expect(
      sql`INSERT INTO cards (conversation_id, message_id) VALUES (${one.conversationId}, ${one.messageId})`.execute(db),
    ).rejects.toThrow(/cards_one_per_message/u);
  });
});

describe('a card with a placement per chat', () => {
  let database: IsolatedDatabase;
  let db: Db;
  let sequence = 10;
  const newCard = async () => {
    sequence += 1;
    const seeded = await seedMessage(database.db, sequence);
    const card = {
      ...seeded,
      placements: [
        { chat: 'slack' as const, channel: 'C0CARDS' },
        { chat: 'discord' as const, channel: '1100000000000000001' },
      ],
      priority: 'high',
      draft: { text: 'Sorry to hear that', source: 'refund' },
      reasons: [{ rule: 'handoff-refund', kind: 'handoff', matched: ['refund'] }],
    };
    return { ...seeded, card, cardId: (await openCard(db, card))! };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('is opened once per message, with one placement per chat, none posted', async () => {
    const { card, cardId } = await newCard();
    expect(cardId).toMatch(/^\d+$/u);
    // A redelivery opens nothing: no second card, no second set of placements.
    expect(await openCard(db, card)).toBeUndefined();
    expect(await findCardPlacements(db, cardId)).toEqual([
      { chat: 'slack', channel: 'C0CARDS', chat_message_id: null },
      { chat: 'discord', channel: '1100000000000000001', chat_message_id: null },
    ]);
    expect(await openCard(db, { ...card, messageId: card.messageId, placements: [] })).toBeUndefined();
  });

  it('is posted in each chat on its own: one chat’s post lock does not hold the other’s', async () => {
    const { cardId } = await newCard();
    await db.connection().execute(async (slackConn) => {
      await db.connection().execute(async (otherConn) => {
        const slack = await claimCardPost(slackConn, cardId, 'slack');
        expect(slack.locked).toBe(true);
        expect(slack.card).toMatchObject({ id: cardId, chat: 'slack', channel: 'C0CARDS', chat_message_id: null, previous_attempt: null });
        expect((await claimCardPost(otherConn, cardId, 'slack')).locked).toBe(false);
        const discord = await claimCardPost(otherConn, cardId, 'discord');
        expect(discord.locked).toBe(true);
        expect(await recordCardPostAndRelease(otherConn, cardId, 'discord', '1200000000000000009')).toBe(1);
        await releaseCardPost(slackConn, cardId, 'slack');
      });
    });
    // The slack attempt is remembered for the unknown-outcome search; its message is not recorded.
    const again = await db.connection().execute(async (conn) => {
      const claim = await claimCardPost(conn, cardId, 'slack');
      await releaseCardPost(conn, cardId, 'slack');
      return claim;
    });
    expect(again.card?.previous_attempt).toBeInstanceOf(Date);
    expect(await findCardIdByChatMessage(db, 'discord', '1200000000000000009')).toBe(cardId);
    expect(await findCardIdByChatMessage(db, 'slack', '1200000000000000009')).toBeUndefined();
  });

  it('is stale work while any chat has not got it, and keeps its draft until a chat shows it', async () => {
    const { cardId } = await newCard();
    expect(await findStaleWork(db, 'cards', LATER, 1_000)).toContain(cardId);
    await db.connection().execute(async (conn) => {
      await claimCardPost(conn, cardId, 'slack');
      await recordCardPostAndRelease(conn, cardId, 'slack', '1700000000.000900');
    });
    expect(await findStaleWork(db, 'cards', LATER, 1_000)).toContain(cardId);
    await saveRewrittenDraft(db, cardId, { text: 'rewritten after Slack showed it', source: 'llm' });
    const card = await db.selectFrom('cards').select('draft').where('id', '=', cardId).executeTakeFirstOrThrow();
    expect(card.draft).toBe('Sorry to hear that');
    await db.connection().execute(async (conn) => {
      await claimCardPost(conn, cardId, 'discord');
      await recordCardPostAndRelease(conn, cardId, 'discord', '1200000000000000010');
    });
    expect(await findStaleWork(db, 'cards', LATER, 1_000)).not.toContain(cardId);
  });

  it('has an escalation per chat whose alert waits for the card in that chat, and one acknowledgement for all', async () => {
    const { cardId, conversationId } = await newCard();
    const open = (chat: 'slack' | 'discord', channel: string) =>
      openEscalation(db, { conversationId, cardId, chat, channel, reason: 'legal threat', priority: 'urgent', escalatedBy: 'rule:legal' });
    const slack = await open('slack', 'C0ESCALATE');
    const discord = await open('discord', '1100000000000000002');
    expect(await open('slack', 'C0ESCALATE')).toBeUndefined();
    await db.connection().execute(async (conn) => {
      await claimCardPost(conn, cardId, 'discord');
      await recordCardPostAndRelease(conn, cardId, 'discord', '1200000000000000011');
    });
    // Only the Discord alert may go out: the Slack one links to a card Slack does not show yet.
    const waiting = await findStaleWork(db, 'escalations', LATER, 1_000);
    expect(waiting).toContain(discord);
    expect(waiting).not.toContain(slack);

    await acknowledgeEscalation(db, cardId, 'discord:9000000000000000001');
    await acknowledgeEscalation(db, cardId, 'slack:U0BOB0001');
    const rows = await findCardEscalations(db, cardId);
    expect(rows.map((row) => [row.chat, row.acknowledged_by])).toEqual([
      ['slack', 'discord:9000000000000000001'],
      ['discord', 'discord:9000000000000000001'],
    ]);
    expect(await findStaleWork(db, 'escalations', LATER, 1_000)).not.toContain(discord);
  });
});
