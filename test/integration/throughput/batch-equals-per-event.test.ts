import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import type { InboundItem, PlatformClient } from '../../../src/domain/source.js';
import { createEngine } from '../../../src/pipeline/engine-bridge.js';
import type { PipelineDeps, PipelineOutcome } from '../../../src/pipeline/pipeline-types.js';
import { playbookPolicies } from '../../../src/pipeline/policies.js';
import { processBatch } from '../../../src/pipeline/process-batch.js';
import { processEvent } from '../../../src/pipeline/process-event.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';

/*
 * The columnar batch path (ingest-run.ts) must decide and record exactly what one transaction per
 * event does. The same events — one author's comments piling up on one post (handoff, then
 * escalating negativity, auto-replies up to the author cap, repeat-author handoff), the post's
 * fifth comment (post volume), a DM walking the sales funnel (tags, lead, funnel state), a
 * redelivery, our own reply and an edit in between — go through each path on a fresh database,
 * and everything written is compared.
 */

// Decisions carry the database's clock: the engine's clock runs a little ahead of it, so they count as history.
const NOW = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
const POST = 'page_post_1';
const PAGE = 'page-1';

const supportsEverything: PlatformClient = {
  platforms: ['facebook', 'messenger'],
  supports: () => true,
  perform: async () => ({}),
  readsBack: () => false,
  findCompleted: async () => undefined,
};

/** The same pseudo-random sequence for each path, so both pick the same phrasings when decided in the same order. */
const seeded = () => {
  let state = 42;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
};

const config = loadConfig({ DATABASE_URL: 'postgres://unused', REDIS_URL: 'redis://unused' });

const depsFor = (database: IsolatedDatabase, engine = createEngine(config, seeded())): PipelineDeps => ({
  db: database.db,
  decide: engine.decide,
  signals: engine.signals,
  platformClients: new Map([
    ['facebook', supportsEverything],
    ['messenger', supportsEverything],
  ]),
  cardRouting: { chats: ['slack'], ruleChats: new Map(), cardChannel: () => 'C0CARDS' },
  escalationChannel: () => 'C0ESCALATIONS',
  sla: playbookPolicies(engine.playbook).sla,
  now: () => NOW,
  accountIds: new Map(),
});

let minute = 0;
const comment = (id: string, author: string, text: string, extra: { fromSelf?: boolean; type?: 'message' | 'edit' } = {}): InboundItem => {
  minute += 1;
  return {
    type: extra.type ?? 'message',
    dedupeKey: `${extra.type ?? 'message'}:${id}:${minute}`,
    raw: null,
    message: {
      externalId: id,
      platform: 'facebook',
      kind: 'comment',
      accountId: PAGE,
      author: { id: author, name: `Person ${author}` },
      text,
      post: { id: POST },
      createdAt: new Date(NOW.getTime() - (25 - minute) * 60_000),
      fromSelf: extra.fromSelf ?? false,
    },
  };
};

const dm = (id: string, text: string): InboundItem => {
  minute += 1;
  return {
    type: 'message',
    dedupeKey: `dm:${id}`,
    raw: null,
    message: {
      externalId: id,
      platform: 'messenger',
      kind: 'dm',
      accountId: PAGE,
      author: { id: 'dm-person' },
      text,
      createdAt: new Date(NOW.getTime() - (25 - minute) * 60_000),
      fromSelf: false,
    },
  };
};

const events = (): InboundItem[] => {
  minute = 0;
  return [
    comment('c1', 'a', 'I want a refund for order 7001'),
    comment('c2', 'a', 'This is terrible, I hate how you treat customers'),
    comment('c3', 'a', 'How much is shipping?'),
    dm('d1', 'Hi there!'),
    comment('c4', 'a', 'What is the price?'),
    comment('c1', 'a', 'I want a refund for order 7001'), // a redelivery under another event
    comment('c5', 'a', 'Which size should I take?'),
    comment('r1', PAGE, 'Thanks, we sent you a DM', { fromSelf: true }),
    comment('c6', 'b', 'Love the colours on these'),
    dm('d2', "It's about pricing"),
    comment('c7', 'c', 'How much is shipping to Spain?'),
    comment('c3', 'a', 'How much is shipping? Still waiting, this is awful', { type: 'edit' }),
    comment('c8', 'd', 'Great photo'),
    dm('d3', 'We need 25 pairs'),
    comment('c9', 'e', 'Where is my order? I want a refund'),
    comment('c10', 'a', 'So disappointed, still no answer'),
    comment('c11', 'a', 'And how much is shipping to Italy?'),
  ];
};

const storeEvents = async (database: IsolatedDatabase): Promise<string[]> => {
  const rows = await database.db
    .insertInto('inbound_events')
    .values(events().map((item) => ({ source: 'test', dedupe_key: item.dedupeKey, payload: JSON.stringify(item) })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
};

/** Everything the pipeline wrote, with row ids replaced by what names the row (ids differ: a redelivery uses up a sequence value). */
const snapshot = async (database: IsolatedDatabase) => {
  const { rows } = await sql<{ snapshot: unknown }>`
    SELECT json_build_object(
      'messages', (SELECT json_agg(json_build_object('id', m.external_id, 'handled', m.handled_by, 'language', m.language,
                     'sentiment', m.sentiment, 'text', m.text, 'contact', c.external_id, 'conversation', v.external_key) ORDER BY m.external_id)
                   FROM messages m JOIN contacts c ON c.id = m.contact_id JOIN conversations v ON v.id = m.conversation_id),
      'decisions', (SELECT json_agg(json_build_object('message', m.external_id, 'kind', d.kind, 'rule', d.rule, 'matched', d.matched,
                     'detail', d.detail) ORDER BY m.external_id, d.id)
                    FROM decisions d JOIN messages m ON m.id = d.message_id),
      'audit', (SELECT json_agg(json_build_object('actor', a.actor, 'action', a.action, 'message', m.external_id) ORDER BY m.external_id, a.id)
                FROM audit_log a JOIN messages m ON a.subject_type = 'message' AND m.id::text = a.subject_id),
      'actions', (SELECT json_agg(json_build_object('message', m.external_id, 'kind', x.kind, 'target', x.target, 'payload', x.payload,
                   'by', x.requested_by, 'decision', d.rule, 'key', replace(x.idempotency_key, m.id::text, m.external_id)) ORDER BY m.external_id, x.id)
                  FROM actions x JOIN messages m ON m.id = x.message_id JOIN decisions d ON d.id = x.decision_id),
      'cards', (SELECT json_agg(json_build_object('message', m.external_id, 'priority', k.priority, 'draft', k.draft, 'source', k.draft_source,
                 'reasons', k.reasons, 'state', k.state,
                 'placements', (SELECT json_agg(json_build_object('chat', p.chat, 'channel', p.channel) ORDER BY p.id) FROM card_placements p WHERE p.card_id = k.id),
                 'escalations', (SELECT json_agg(json_build_object('chat', e.chat, 'channel', e.channel, 'reason', e.reason, 'priority', e.priority, 'by', e.escalated_by))
                                 FROM escalations e WHERE e.card_id = k.id)) ORDER BY m.external_id)
                FROM cards k JOIN messages m ON m.id = k.message_id),
      'conversations', (SELECT json_agg(json_build_object('key', v.external_key, 'contact', c.external_id, 'kind', v.kind, 'state', v.state,
                         'priority', v.priority, 'needs', v.needs_response, 'qualified', v.qualified_at IS NOT NULL, 'escalated', v.escalated_at IS NOT NULL,
                         'funnel', v.funnel_state, 'deadline', v.sla_deadline_at, 'warn', v.sla_warn_at, 'first', v.first_inbound_at,
                         'last', v.last_inbound_at) ORDER BY v.external_key)
                        FROM conversations v JOIN contacts c ON c.id = v.contact_id),
      'contacts', (SELECT json_agg(json_build_object('id', c.external_id, 'tags', c.tags, 'name', c.name, 'seen', c.last_seen_at) ORDER BY c.external_id)
                   FROM contacts c),
      'events', (SELECT json_agg(json_build_object('key', dedupe_key, 'processed', processed_at IS NOT NULL, 'error', last_error) ORDER BY id)
                 FROM inbound_events)
    ) AS snapshot
  `.execute(database.db);
  return rows[0]!.snapshot;
};

const outcomeShape = (outcome: PipelineOutcome) => ({
  actions: outcome.actionIds.length,
  cards: outcome.cards.map((card) => card.chats),
  slaTimers: outcome.slaTimers.length,
  drafts: outcome.drafts.map((draft) => draft.decision.rule),
  cardUpdates: outcome.cardUpdates.length,
});

let perEvent: IsolatedDatabase;
let batched: IsolatedDatabase;

beforeAll(async () => {
  [perEvent, batched] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([perEvent?.drop(), batched?.drop()]);
});

it('a batch records exactly what one transaction per event records, in the same order', async () => {
  const perEventDeps = depsFor(perEvent);
  const perEventOutcomes = [];
  for (const id of await storeEvents(perEvent)) perEventOutcomes.push(await processEvent(perEventDeps, id));

  const batchedIds = await storeEvents(batched);
  const results = await processBatch(depsFor(batched), batchedIds);
  const batchedOutcomes = batchedIds.map((id) => {
    const result = results.get(id);
    if (!result || !('outcome' in result))
      throw new Error(`event ${id} failed in the batch: ${String(result && 'error' in result ? result.error : 'no result')}`);
    return result.outcome;
  });

  const expected = await snapshot(perEvent);
  expect(await snapshot(batched)).toEqual(expected);
  expect(batchedOutcomes.map(outcomeShape)).toEqual(perEventOutcomes.map(outcomeShape));

  // The sequence exercises what history carries from one message to the next within the batch.
  const text = JSON.stringify(expected);
  for (const rule of ['handoff-refund', 'escalating-negativity', 'handoff-repeat-author', 'auto-shipping', 'post-volume', 'dm-funnel'])
    expect(text).toContain(`"rule":"${rule}"`);
  expect(text).toContain('"lead"');
});
