import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, PAGE_ID, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, notesOn, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { runCli } from '../../support/run-cli.js';

let services: Services;
let web: Running;

beforeAll(async () => {
  services = await startServices();
  web = await startApp(services, { queues: ['ingest', 'chat'] });
});
afterAll(async () => {
  await web?.stop();
  await services?.close();
});

const db = () => services.database.db;
const REPLY = 'So sorry about that, we are on it.';

const insertAction = async (values: {
  key: string;
  kind: string;
  status: string;
  target: string;
  cardId: string;
  error: string;
  leaseUntil?: Date;
}) => {
  const row = await db()
    .insertInto('actions')
    .values({
      idempotency_key: values.key,
      kind: values.kind,
      platform: 'facebook',
      target: values.target,
      payload: JSON.stringify({ accountId: PAGE_ID, text: values.kind === 'reply' ? REPLY : null }),
      status: values.status,
      attempts: 8,
      requested_by: 'slack:U0ALICE01',
      card_id: values.cardId,
      error: values.error,
      started_at: new Date(Date.now() - 60_000),
      owner: values.leaseUntil ? 'dead-worker:7' : null,
      lease_until: values.leaseUntil ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
};

it('(o) switchboard actions lists unknown, stuck and failed actions; retry asks the platform first; cancel is audited and shown', async () => {
  const commentId = `${POST_ID.split('_')[1]}_93000000000001`;
  services.graph.addComment({ id: commentId, from: { id: '6100000000000077', name: 'Sam' }, message: 'refund?', postId: POST_ID });
  await postMeta(web.url!, commentAdded({ commentId, message: 'I want a refund', from: { id: '6100000000000077', name: 'Sam' } }));
  const card = await eventually(async () => cardsIn(services)[0], 'the card');
  const cardRow = await db().selectFrom('cards').select('id').executeTakeFirstOrThrow();
  // The reply went out, but the worker never learnt it.
  services.graph.addComment({
    id: `${commentId}_r`,
    from: { id: PAGE_ID, name: 'Acme Shoes' },
    message: REPLY,
    postId: POST_ID,
    parentId: commentId,
  });

  const unknown = await insertAction({
    key: 'k-unknown',
    kind: 'reply',
    status: 'unknown',
    target: commentId,
    cardId: cardRow.id,
    error: 'the outcome could not be confirmed: no answer',
  });
  const failed = await insertAction({
    key: 'k-failed',
    kind: 'hide',
    status: 'failed',
    target: commentId,
    cardId: cardRow.id,
    error: 'Facebook refused: (#10) permission',
  });
  const stuck = await insertAction({
    key: 'k-stuck',
    kind: 'block',
    status: 'in_flight',
    target: '6100000000000077',
    cardId: cardRow.id,
    error: '',
    leaseUntil: new Date(Date.now() - 1_000),
  });

  const listed = await runCli(['actions'], services.env);
  expect(listed.stderr).toBe('');
  expect(listed.code).toBe(0);
  const lines = listed.stdout.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^ID\s+STATE\s+CARD\s+PLATFORM\s+KIND\s+ATTEMPTS\s+AGE\s+LAST ERROR$/u);
  const rowOf = (id: string) => lines.find((line) => line.startsWith(`${id} `)) ?? '';
  expect(rowOf(unknown)).toMatch(/unknown\s+\d+\s+facebook\s+reply\s+8\s+\d+[smhd]\s+the outcome could not be confirmed/u);
  expect(rowOf(failed)).toMatch(/failed\s+\d+\s+facebook\s+hide\s+8/u);
  expect(rowOf(stuck)).toMatch(/stuck\s+\d+\s+facebook\s+block/u);
  // Aligned: every column starts at the same place on every line.
  const stateColumn = lines[0]!.indexOf('STATE');
  for (const line of lines.slice(1)) expect(line.slice(stateColumn)).toMatch(/^(unknown|failed|stuck) /u);

  // Each run starts a process; on a busy machine that takes a while, so three runs cover it all.
  const retried = await runCli(['actions', 'retry', unknown], services.env);
  expect(retried.code).toBe(0);
  expect(retried.stdout).toMatch(/already happened on facebook; nothing was sent again/u);
  const settled = await db().selectFrom('actions').selectAll().where('id', '=', unknown).executeTakeFirstOrThrow();
  expect(settled.status).toBe('succeeded');
  expect(services.graph.calls.filter((call) => call.method === 'POST' && call.path === `/${commentId}/comments`)).toHaveLength(0);

  const cancelled = await runCli(['actions', 'cancel', failed], services.env);
  expect(cancelled.code).toBe(0);
  expect(cancelled.stdout).toMatch(/cancelled/u);
  const row = await db().selectFrom('actions').select('status').where('id', '=', failed).executeTakeFirstOrThrow();
  expect(row.status).toBe('cancelled');
  const audit = await db()
    .selectFrom('audit_log')
    .selectAll()
    .where('subject_id', '=', failed)
    .where('action', '=', 'hide:cancelled')
    .execute();
  expect(audit).toHaveLength(1);
  expect(audit[0]?.actor).toMatch(/^cli:/u);
  await eventually(
    async () => notesOn(services, card.ts).some((note) => note.text.includes('cancelled')),
    'the card to say it was cancelled',
  );
}, 400_000);
