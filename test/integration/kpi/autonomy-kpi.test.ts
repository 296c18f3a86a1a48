import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../commands/command.js';
import kpi from '../../../commands/kpi.js';
import { weeklyDigest } from '../../../src/kpi/digest.js';
import type { Db } from '../../../src/store/db.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';
import { NOW, seedFixture, ZONE } from './fixture.js';

let database: IsolatedDatabase;
let ctx: CommandContext;

const ALICE = 'slack:U0ALICE01';

const messageOf = async (db: Db, externalId: string) =>
  db.selectFrom('messages').select(['id', 'conversation_id']).where('external_id', '=', externalId).executeTakeFirstOrThrow();

/** c5's card holds rule price's replies at veto: 4 held on 11 June, 3 sent at their deadline, 1 stopped. */
const seedVetoes = async (db: Db) => {
  const message = await messageOf(db, 'c5-m0');
  const card = await db.selectFrom('cards').select('id').where('message_id', '=', message.id).executeTakeFirstOrThrow();
  for (const state of ['sent', 'sent', 'sent', 'stopped'] as const) {
    const decision = await db
      .insertInto('decisions')
      .values({
        message_id: message.id,
        kind: 'draft',
        rule: 'price',
        detail: JSON.stringify({ autonomy: 'veto' }),
        created_at: new Date('2025-06-11T10:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('autonomy_vetoes')
      .values({
        decision_id: decision.id,
        message_id: message.id,
        conversation_id: message.conversation_id,
        card_id: card.id,
        rule: 'price',
        deadline_at: new Date('2025-06-11T10:02:00Z'),
        state,
        created_at: new Date('2025-06-11T10:00:00Z'),
      })
      .execute();
  }
};

/** Rule thanks at auto: 5 replies on 10 June, 1 undone; one more from 1 June, outside every period here. */
const seedAutomatic = async (db: Db) => {
  const message = await messageOf(db, 'c1-m0');
  const at = [
    '2025-06-10T08:00:00Z',
    '2025-06-10T08:01:00Z',
    '2025-06-10T08:02:00Z',
    '2025-06-10T08:03:00Z',
    '2025-06-10T08:04:00Z',
    '2025-06-01T08:00:00Z',
  ];
  for (const [index, created] of at.entries()) {
    const action = await db
      .insertInto('actions')
      .values({
        idempotency_key: `thanks-${index}`,
        kind: 'reply',
        platform: 'facebook',
        target: 'c1-m0',
        requested_by: 'rule:thanks',
        message_id: message.id,
        status: 'succeeded',
        payload: '{}',
        result: null,
        error: null,
        owner: null,
        created_at: new Date(created),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('autonomy_undos')
      .values({
        action_id: action.id,
        rule: 'thanks',
        undo_until: new Date(created),
        created_at: new Date(created),
        ...(index === 0 ? { undone_by: ALICE, undone_at: new Date(created) } : {}),
      })
      .execute();
  }
};

/** c3's approved card (created 07:00:02 on 11 June): a rule's reply after 1 min (not an approval), Alice's after 20 min, again after 40. */
const seedApproval = async (db: Db) => {
  const card = await db
    .selectFrom('cards')
    .select(['id', 'created_at'])
    .where('draft_outcome', '=', 'approved')
    .where('split_chat', '=', 'slack')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const after = (minutes: number) => new Date(card.created_at.getTime() + minutes * 60_000);
  const replies = [
    { key: 'rule-first', by: 'rule:fast', at: after(1) },
    { key: 'alice-approves', by: ALICE, at: after(20) },
    { key: 'alice-again', by: ALICE, at: after(40) },
  ];
  for (const reply of replies) {
    await db
      .insertInto('actions')
      .values({
        idempotency_key: reply.key,
        kind: 'reply',
        platform: 'instagram',
        target: 'c3',
        requested_by: reply.by,
        card_id: card.id,
        payload: '{}',
        result: null,
        error: null,
        owner: null,
        created_at: reply.at,
      })
      .execute();
  }
};

/** Level changes: price set to veto by the file on 9 June, thanks promoted by Alice on 10 June, old demoted on 11 June; tweak changed overrides only. */
const seedLevelChanges = async (db: Db) => {
  const line = (subject: string, action: string, actor: string, at: string, detail: Record<string, unknown>) => ({
    actor,
    action,
    subject_type: 'rule',
    subject_id: subject,
    at: new Date(at),
    detail: JSON.stringify(detail),
  });
  await db
    .insertInto('audit_log')
    .values([
      line('thanks', 'autonomy:level', 'system', '2025-05-20T09:00:00Z', {
        was: null,
        now: { level: 'veto' },
        why: 'the playbook sets it',
      }),
      line('price', 'autonomy:level', 'system', '2025-06-09T09:00:00Z', {
        was: null,
        now: { level: 'veto', platforms: {} },
        why: 'the playbook sets it',
      }),
      line('tweak', 'autonomy:level', 'system', '2025-06-09T09:00:00Z', {
        was: { level: 'veto' },
        now: { level: 'veto', platforms: { instagram: 'draft' } },
      }),
      line('thanks', 'autonomy:promote', ALICE, '2025-06-10T09:00:00Z', {
        was: 'veto',
        now: 'auto',
        why: 'promoted on 60 of 60 approved unchanged',
      }),
      line('old', 'autonomy:demote', 'system', '2025-06-11T10:00:00Z', { was: 'auto', now: 'draft', why: 'demoted: 3 undos in a row' }),
    ])
    .execute();
};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedFixture(database.db);
  await seedVetoes(database.db);
  await seedAutomatic(database.db);
  await seedApproval(database.db);
  await seedLevelChanges(database.db);
  ctx = {
    db: database.db,
    now: () => NOW,
    timeZone: ZONE,
    settings: { orderValue: 0, monthlyCost: 0, currency: 'EUR', slaWarningShare: 0.8 },
  };
});
afterAll(async () => {
  await database?.drop();
});

describe('autonomy in /kpi and the weekly digest', () => {
  it('/kpi 7d shows each rule’s level, volume and rates, busiest first, and the hours saved', async () => {
    const report = await kpi.execute(ctx, kpi.parse('7d'));
    const section = report.sections.find((part) => part.title === 'Autonomy by rule');
    expect(section?.rows).toEqual([
      // 5 automatic replies in the period (the 1 June one is outside), 1 undone.
      { label: 'thanks (auto)', value: '5 · approved — · vetoed — · undone 20%' },
      // 4 held, 1 stopped; held replies are not counted as drafts.
      { label: 'price (veto)', value: '4 · approved — · vetoed 25% · undone —' },
      { label: 'fixture-draft (draft)', value: '1 · approved 0% · vetoed — · undone —' },
      // At veto (overrides changed only), nothing in the period; old is back at draft with no record, so not listed.
      { label: 'tweak (veto)', value: '0 · approved — · vetoed — · undone —' },
      // 3 sent untouched + (5 − 1) kept = 7, × 20 min (Alice's first reply; the rule's does not count) = 140 min.
      { label: 'Human work saved', value: '2.3 h (7 drafts needed no approval × 20m median approval)' },
    ]);
  });

  it('the digest lists the week’s promotions and demotions, who made them and why, and the hours saved', async () => {
    // This week is 5–11 June in Athens (until 2025-06-11T21:00Z): the 20 May line is out, tweak's is no move.
    const report = await weeklyDigest(ctx);
    const section = report.sections.find((part) => part.title === 'Autonomy');
    expect(section?.rows).toEqual([
      { label: 'Switchboard', value: '⬆️ promoted rule price: draft → veto, 9 Jun (the playbook sets it)' },
      { label: ALICE, person: ALICE, value: '⬆️ promoted rule thanks: veto → auto, 10 Jun (promoted on 60 of 60 approved unchanged)' },
      { label: 'Switchboard', value: '⬇️ demoted rule old: auto → draft, 11 Jun (demoted: 3 undos in a row)' },
      { label: 'Human work saved', value: '2.3 h (7 drafts needed no approval × 20m median approval)' },
    ]);
  });
});
