import { expect, it } from 'vitest';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, useApp } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';

const ctx = useApp();

const count = async (table: 'inbound_events' | 'messages' | 'cards') =>
  Number(
    (
      await ctx.services.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

it('(a) the same webhook delivered three times at once gives one message, one decision set, one card', async () => {
  const body = commentAdded({ commentId: `${POST_ID.split('_')[1]}_600000000000001`, message: 'I want a refund, this is a complaint' });
  const answers = await Promise.all([postMeta(ctx.app.url!, body), postMeta(ctx.app.url!, body), postMeta(ctx.app.url!, body)]);
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);

  await eventually(async () => cardsIn(ctx.services).length === 1, 'the card');
  await eventually(() => queuesIdle(ctx.services), 'the queues to drain');
  // A late redelivery, after everything was processed, changes nothing either.
  expect((await postMeta(ctx.app.url!, body)).status).toBe(200);
  await eventually(() => queuesIdle(ctx.services), 'the queues to drain again');

  expect(await count('inbound_events')).toBe(1);
  expect(await count('messages')).toBe(1);
  expect(await count('cards')).toBe(1);
  const handoffs = await ctx.services.database.db.selectFrom('decisions').select('rule').where('kind', '=', 'handoff').execute();
  expect(handoffs.length).toBeGreaterThan(0);
  expect(new Set(handoffs.map((row) => row.rule)).size).toBe(handoffs.length);
  expect(cardsIn(ctx.services)).toHaveLength(1);
  // Thread notes (SLA notices on this old comment) are posts too; the card is the one top-level post.
  expect(ctx.services.slack.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === undefined)).toHaveLength(1);
});
