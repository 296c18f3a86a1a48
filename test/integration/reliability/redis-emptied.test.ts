import { expect, it } from 'vitest';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, useServices } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';

const ctx = useServices();

const comment = (n: number) =>
  commentAdded({
    commentId: `${POST_ID.split('_')[1]}_90000000000000${n}`,
    message: `I want a refund for order ${n}`,
    from: { id: `61000000000001${n}`, name: `Customer ${n}` },
  });

it('(d) with Redis emptied, stored events and unposted cards are found and re-enqueued, none lost, none twice', async () => {
  // Phase 1: events processed into cards, but Slack fails the inline posts and no chat worker
  // runs to retry them, so the cards stay unposted.
  ctx.services.slack.failNext('chat.postMessage', { status: 500 }, 2);
  const ingestOnly = await startApp(ctx.services, { queues: ['ingest'] });
  ctx.running.push(ingestOnly);
  for (const n of [1, 2]) expect((await postMeta(ingestOnly.url!, comment(n))).status).toBe(200);
  await eventually(async () => {
    const cards = await ctx.services.database.db
      .selectFrom('card_placements')
      .select('card_id')
      .where('chat_message_id', 'is', null)
      .execute();
    return cards.length === 2;
  }, 'two stored, unposted cards');
  await eventually(async () => ctx.services.slack.callsTo('chat.postMessage').length >= 2, 'both inline posts to have failed');
  await ingestOnly.stop();

  // Phase 2: events stored and queued, but no worker at all.
  const webOnly = await startApp(ctx.services, { worker: false });
  ctx.running.push(webOnly);
  for (const n of [3, 4]) expect((await postMeta(webOnly.url!, comment(n))).status).toBe(200);

  await ctx.services.redis.flush();
  expect(await queuesIdle(ctx.services)).toBe(true);

  // A worker with the reconciler: everything stored reappears in the queues and completes once.
  const worker = await startApp(ctx.services, {
    web: false,
    env: { SWITCHBOARD_RECONCILE_INTERVAL_MS: '100', SWITCHBOARD_RECONCILE_AFTER_MS: '0' },
  });
  ctx.running.push(worker);
  await eventually(async () => cardsIn(ctx.services).length === 4, 'all four cards', 20_000);
  await eventually(() => queuesIdle(ctx.services), 'the queues to drain');

  expect(cardsIn(ctx.services)).toHaveLength(4);
  const unprocessed = await ctx.services.database.db.selectFrom('inbound_events').select('id').where('processed_at', 'is', null).execute();
  expect(unprocessed).toHaveLength(0);
  const unposted = await ctx.services.database.db
    .selectFrom('card_placements')
    .select('card_id')
    .where('chat_message_id', 'is', null)
    .execute();
  expect(unposted).toHaveLength(0);
});
