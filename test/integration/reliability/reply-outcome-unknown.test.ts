import { afterAll, beforeAll, expect, it } from 'vitest';
import { GraphClient } from '../../../adapters/sources/meta/graph-client.js';
import { createMetaPlatformClient } from '../../../adapters/sources/meta/platform-client.js';
import { announceActionOutcome } from '../../../src/cards/announce-outcome.js';
import { performAction } from '../../../src/actions/perform-action.js';
import { createQueues, redisForQueues, type Queues } from '../../../src/jobs/queues.js';
import { reconcileOnce } from '../../../src/jobs/reconcile.js';
import type { Running } from '../../../src/main.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { commentAdded, PAGE_ID, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, PAGE_TOKEN, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { cardButtons, pressButton, USERS } from '../../support/slack-press.js';

let services: Services;
let web: Running;
let queues: Queues;
let sequence = 0;

beforeAll(async () => {
  services = await startServices();
  // Cards and presses only: platform calls are made by each test itself, or by a worker it starts.
  web = await startApp(services, { queues: ['ingest', 'chat'], env: { SLACK_ESCALATION_CHANNEL: 'C0ESCALATE' } });
  queues = createQueues(redisForQueues(services.redis.url), services.redis.prefix);
});
afterAll(async () => {
  await queues?.close();
  queues?.connection.disconnect();
  await web?.stop();
  await services?.close();
});

const db = () => services.database.db;

const newCard = async () => {
  sequence += 1;
  const commentId = `${POST_ID.split('_')[1]}_91000000000000${sequence}`;
  const author = { id: `610000000009${sequence}`, name: `Customer ${sequence}` };
  services.graph.addComment({ id: commentId, from: author, message: 'I want a refund', postId: POST_ID });
  const before = cardsIn(services).length;
  await postMeta(web.url!, commentAdded({ commentId, message: 'I want a refund', from: author }));
  const card = await eventually(async () => cardsIn(services)[before], 'the card');
  return { card, commentId };
};

const replyAction = async (commentId: string) =>
  db().selectFrom('actions').selectAll().where('kind', '=', 'reply').where('target', '=', commentId).executeTakeFirst();

const latest = (ts: string, has: string) =>
  eventually(async () => {
    const card = cardsIn(services).find((message) => message.ts === ts);
    return card && cardButtons(card).has(`sb:${has}`) ? card : undefined;
  }, `the card to offer ${has}`);

const replyPosts = (commentId: string) =>
  services.graph.calls.filter((call) => call.method === 'POST' && call.path === `/${commentId}/comments`);

it('(m) a reply whose last attempt timed out after Graph accepted it: the person’s retry finds it and sends nothing', async () => {
  const { card, commentId } = await newCard();
  await pressButton(web.url!, services.slack, card, 'approve', USERS.alice, 'approve-m');
  const pending = await eventually(() => replyAction(commentId), 'the reply action');

  // The last attempt: Graph posts the reply, but its answer never comes back in time.
  const impatient = createMetaPlatformClient(
    new GraphClient({ graphUrl: services.env.META_GRAPH_URL!, tokenFor: () => PAGE_TOKEN, timeoutMs: 1_000 }),
  );
  const held = services.graph.holdNext(`/${commentId}/comments`);
  const outcome = await performAction({ db: db(), platformClients: new Map([['facebook', impatient]]) }, pending.id, {
    lastAttempt: true,
  }).finally(() => held.release());
  expect(outcome.status).toBe('unknown');
  if (outcome.status !== 'unknown') return;
  await announceActionOutcome({ db: db(), queues }, outcome);
  expect(services.graph.repliesTo(commentId)).toHaveLength(1);

  const unknownCard = await latest(card.ts, 'send_again');
  await pressButton(web.url!, services.slack, unknownCard, 'send_again', USERS.alice, 'again-m');
  const worker = await startApp(services, { web: false, queues: ['platform'] });
  try {
    const settled = await eventually(async () => {
      const row = await replyAction(commentId);
      return row?.status === 'succeeded' ? row : undefined;
    }, 'the retried reply to be settled');
    expect(settled.id).toBe(pending.id);
    expect(settled.result).toMatchObject({ verified: true });
    await eventually(async () => {
      const counts = await queues.platform.getJobCounts('waiting', 'active', 'delayed');
      return Object.values(counts).every((count) => count === 0);
    }, 'the platform queue to drain');
  } finally {
    await worker.stop();
  }
  expect(services.graph.repliesTo(commentId)).toHaveLength(1);
  expect(replyPosts(commentId)).toHaveLength(1);
}, 120_000);

const press = async (card: SlackMessage, button: string, id: string) => {
  const answer = await pressButton(web.url!, services.slack, card, button, USERS.bob, id);
  expect(answer.status).toBe(200);
};

it('(n) an action left in flight by a dead worker is settled after its lease; Acknowledge and Resolve work meanwhile', async () => {
  const { card, commentId } = await newCard();
  await press(card, 'escalate', 'escalate-n');
  const escalated = await latest(card.ts, 'acknowledge');
  await press(escalated, 'approve', 'approve-n');
  const action = await eventually(() => replyAction(commentId), 'the reply action');

  // A worker took it, Graph posted the reply, and the worker died: its job is gone, its lease still runs.
  await queues.platform.remove(`act-${action.id}`);
  await db()
    .updateTable('actions')
    .set({ status: 'in_flight', owner: 'dead-worker:1', attempts: 1, started_at: new Date(Date.now() - 5_000) })
    .set((eb) => ({ lease_until: eb.val(new Date(Date.now() + 4_000)) }))
    .where('id', '=', action.id)
    .execute();
  const text = (action.payload as { text: string }).text;
  services.graph.addComment({
    id: `${commentId}_r`,
    from: { id: PAGE_ID, name: 'Acme Shoes' },
    message: text,
    postId: POST_ID,
    parentId: commentId,
  });

  const acting = await latest(card.ts, 'resolve');
  await press(acting, 'acknowledge', 'ack-n');
  await press(acting, 'resolve', 'resolve-n');
  const conversation = await eventually(async () => {
    const escalation = await db().selectFrom('escalations').selectAll().where('card_id', '=', action.card_id!).executeTakeFirst();
    const row = await db().selectFrom('cards').select('state').where('id', '=', action.card_id!).executeTakeFirst();
    return escalation?.acknowledged_at && row?.state === 'resolved' ? row : undefined;
  }, 'Acknowledge and Resolve to be accepted while the action is in flight');
  expect(conversation.state).toBe('resolved');

  // Within its lease the action is left alone; after it, the reconciler queues it and the worker asks Graph first.
  expect((await reconcileOnce(db(), queues, 0))?.actions).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 4_500));
  expect((await reconcileOnce(db(), queues, 0))?.actions).toBe(1);
  const worker = await startApp(services, { web: false, queues: ['platform'] });
  try {
    const settled = await eventually(async () => {
      const row = await replyAction(commentId);
      return row?.status === 'succeeded' ? row : undefined;
    }, 'the stuck reply to be settled');
    expect(settled.result).toMatchObject({ verified: true });
  } finally {
    await worker.stop();
  }
  expect(services.graph.repliesTo(commentId)).toHaveLength(1);
  expect(replyPosts(commentId)).toHaveLength(0);
}, 120_000);
