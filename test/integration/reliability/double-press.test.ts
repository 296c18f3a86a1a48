import { expect, it } from 'vitest';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, useApp } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardText, pressButton, USERS } from '../../support/slack-press.js';

const ctx = useApp();

it('(b) two people pressing Approve at the same moment give one reply; the second is told who was first', async () => {
  const commentId = `${POST_ID.split('_')[1]}_700000000000001`;
  ctx.services.graph.addComment({
    id: commentId,
    from: { id: '6100000000000042', name: 'Dana Whitfield' },
    message: 'refund please',
    postId: POST_ID,
  });
  await postMeta(ctx.app.url!, commentAdded({ commentId, message: 'I want a refund please' }));
  const card = await eventually(async () => cardsIn(ctx.services)[0], 'the card');

  const [alice, bob] = await Promise.all([
    pressButton(ctx.app.url!, ctx.services.slack, card, 'approve', USERS.alice, 'alice'),
    pressButton(ctx.app.url!, ctx.services.slack, card, 'approve', USERS.bob, 'bob'),
  ]);
  expect([alice.status, bob.status]).toEqual([200, 200]);

  const told = await eventually(async () => {
    const answers = [...ctx.services.slack.responses('alice'), ...ctx.services.slack.responses('bob')];
    return answers.length > 0 ? answers : undefined;
  }, 'the loser to be told');
  expect(told).toHaveLength(1);
  const words = JSON.stringify(told[0]);
  expect(words).toMatch(/already/u);
  expect(words).toMatch(new RegExp(`<@(${USERS.alice.id}|${USERS.bob.id})>`, 'u'));
  expect(told[0]).toMatchObject({ response_type: 'ephemeral' });

  await eventually(async () => ctx.services.graph.repliesTo(commentId).length > 0, 'the reply');
  await eventually(() => queuesIdle(ctx.services), 'the queues to drain');
  expect(ctx.services.graph.repliesTo(commentId)).toHaveLength(1);
  expect(ctx.services.graph.calls.filter((call) => call.method === 'POST' && call.path === `/${commentId}/comments`)).toHaveLength(1);
  const actions = await ctx.services.database.db.selectFrom('actions').selectAll().where('kind', '=', 'reply').execute();
  expect(actions).toHaveLength(1);
  const final = cardsIn(ctx.services)[0]!;
  expect(cardText(final)).toContain('✅');
});
