import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { jobsThatRan, queuesIdle } from '../../support/queue-state.js';

let services: Services;
let app: Running;

beforeAll(async () => {
  services = await startServices();
  // The reconciler re-queues any unposted card at once, so it races the inline post.
  app = await startApp(services, { env: { SWITCHBOARD_RECONCILE_INTERVAL_MS: '50', SWITCHBOARD_RECONCILE_AFTER_MS: '0' } });
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
});

it('(g) a slow card post raced by a re-queued post of the same card gives one card', async () => {
  const release = services.slack.holdNextCall('chat.postMessage');
  const comment = commentAdded({
    commentId: `${POST_ID.split('_')[1]}_97000000000001`,
    message: 'I want a refund for my order',
    from: { id: '6300000000001', name: 'Slow Post' },
  });
  expect((await postMeta(app.url!, comment)).status).toBe(200);
  // The inline post is in flight; the re-queued post runs meanwhile and finds no message yet.
  await eventually(
    async () =>
      (await jobsThatRan(services, 'chat')) > 0 ||
      services.slack.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === undefined).length > 1,
    'the re-queued post to run',
  );
  release();

  await eventually(async () => cardsIn(services).length > 0, 'the card');
  await eventually(() => queuesIdle(services), 'the queues to drain', 20_000);
  expect(cardsIn(services)).toHaveLength(1);
  const card = await services.database.db.selectFrom('card_placements').select('chat_message_id').executeTakeFirstOrThrow();
  expect(card.chat_message_id).toBe(cardsIn(services)[0]!.ts);
});

it('(h) a card post whose answer was lost is found in the channel on the retry, not posted again', async () => {
  services.slack.loseNextAnswer('chat.postMessage');
  const comment = commentAdded({
    commentId: `${POST_ID.split('_')[1]}_97000000000002`,
    message: 'I want a refund, the sole came off',
    from: { id: '6300000000002', name: 'Lost Answer' },
  });
  expect((await postMeta(app.url!, comment)).status).toBe(200);
  await eventually(
    async () => {
      const card = await services.database.db
        .selectFrom('card_placements')
        .innerJoin('cards', 'cards.id', 'card_placements.card_id')
        .select('chat_message_id')
        .where('cards.message_id', 'in', (eb) =>
          eb.selectFrom('messages').select('id').where('text', '=', 'I want a refund, the sole came off'),
        )
        .executeTakeFirst();
      return card?.chat_message_id ?? undefined;
    },
    'the card to be recorded as posted',
    20_000,
  );
  await eventually(() => queuesIdle(services), 'the queues to drain', 20_000);
  const posted = cardsIn(services).filter((message) => JSON.stringify(message).includes('Lost Answer'));
  expect(posted).toHaveLength(1);
  expect(services.slack.callsTo('conversations.history').length).toBeGreaterThan(0);
});
