import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decideVeto, demotePendingVetoes, findVeto } from '../../../src/store/autonomy-vetoes.js';
import { lockCard } from '../../../src/store/cards.js';
import type { Db } from '../../../src/store/db.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';

/*
 * A demotion and the deadline's send of one of its countdowns, at the same moment, in the order
 * that deadlocked: the send has locked the card and is about to move the veto; the demotion then
 * ends the rule's countdowns. The demotion must wait for the card (as the send took it), not take
 * the veto first: then the send finishes, and the demotion finds that countdown no longer pending.
 */

let database: IsolatedDatabase;
let db: Db;
const ids = { card: '', veto: '' };

const insertId = async (statement: ReturnType<typeof sql<{ id: string }>>): Promise<string> => (await statement.execute(db)).rows[0]!.id;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const account = await insertId(sql`INSERT INTO accounts (platform, external_id) VALUES ('facebook', 'page') RETURNING id`);
  const contact = await insertId(sql`INSERT INTO contacts (platform, external_id) VALUES ('facebook', 'fan') RETURNING id`);
  const conversation = await insertId(sql`
    INSERT INTO conversations (platform, account_id, contact_id, kind, external_key, first_inbound_at, last_inbound_at)
    VALUES ('facebook', ${account}, ${contact}, 'comment', 'thread', now(), now()) RETURNING id`);
  const message = await insertId(sql`
    INSERT INTO messages (platform, external_id, direction, kind, account_id, contact_id, conversation_id, text, created_at)
    VALUES ('facebook', 'c1', 'inbound', 'comment', ${account}, ${contact}, ${conversation}, 'when is the delivery?', now()) RETURNING id`);
  const decision = await insertId(
    sql`INSERT INTO decisions (message_id, kind, rule) VALUES (${message}, 'draft', 'delivery') RETURNING id`,
  );
  ids.card = await insertId(
    sql`INSERT INTO cards (conversation_id, message_id, draft) VALUES (${conversation}, ${message}, 'Tomorrow.') RETURNING id`,
  );
  ids.veto = await insertId(sql`
    INSERT INTO autonomy_vetoes (decision_id, message_id, conversation_id, card_id, rule, deadline_at)
    VALUES (${decision}, ${message}, ${conversation}, ${ids.card}, 'delivery', now()) RETURNING id`);
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

it('a demotion waits for a card the deadline’s send has locked, instead of deadlocking with it', async () => {
  let sendHasCard: () => void = () => {};
  const cardLocked = new Promise<void>((resolve) => (sendHasCard = resolve));
  let demotionStarted: () => void = () => {};
  const demotionWaiting = new Promise<void>((resolve) => (demotionStarted = resolve));

  const send = db.transaction().execute(async (trx) => {
    await lockCard(trx, ids.card);
    sendHasCard();
    await demotionWaiting;
    // Give the demotion time to reach the lock it waits on (the card, or without the guard the veto first).
    await new Promise((resolve) => setTimeout(resolve, 300));
    return decideVeto(trx, ids.veto, { state: 'sent', by: 'rule:delivery', at: new Date() });
  });
  await cardLocked;
  const demotion = db.transaction().execute(async (trx) => {
    const ended = demotePendingVetoes(trx, 'delivery', 'system', new Date());
    demotionStarted();
    return ended;
  });

  const [sent, demoted] = await Promise.all([send, demotion]);
  expect(sent?.state).toBe('sent');
  expect(demoted).toEqual([]);
  expect((await findVeto(db, ids.veto))?.state).toBe('sent');
});
