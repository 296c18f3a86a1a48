import { expect, it } from 'vitest';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, useApp } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { pressButton, USERS } from '../../support/slack-press.js';

const ctx = useApp();

// Retry-After is longer than the first retry backoff (1 s), so only obeying it passes.
it('(f) Slack and Graph answering 429: each call waits as told and is carried out once', async () => {
  const commentId = `${POST_ID.split('_')[1]}_970000000000001`;
  ctx.services.graph.addComment({
    id: commentId,
    from: { id: '6100000000000042', name: 'Dana Whitfield' },
    message: 'refund',
    postId: POST_ID,
  });
  ctx.services.slack.rateLimitNext('chat.postMessage', 3);

  await postMeta(ctx.app.url!, commentAdded({ commentId, message: 'I want a refund' }));
  const card = await eventually(async () => cardsIn(ctx.services)[0], 'the card after the rate limit', 20_000);
  // Top-level posts only: the fixture's comment is days old, so SLA notices follow in the card's thread.
  const posts = ctx.services.slack.callsTo('chat.postMessage').filter((call) => call.body.thread_ts === undefined);
  expect(posts).toHaveLength(2);
  expect(posts[1]!.at.getTime() - posts[0]!.at.getTime()).toBeGreaterThanOrEqual(2_900);
  expect(cardsIn(ctx.services)).toHaveLength(1);

  ctx.services.graph.failNext(`/${commentId}/comments`, {
    status: 429,
    headers: { 'Retry-After': '3' },
    body: { error: { message: 'Too many calls', code: 4 } },
  });
  await pressButton(ctx.app.url!, ctx.services.slack, card, 'approve', USERS.alice, 'press');
  await eventually(async () => ctx.services.graph.repliesTo(commentId).length === 1, 'the reply after the rate limit', 20_000);
  await eventually(() => queuesIdle(ctx.services), 'the queues to drain');

  const replyCalls = ctx.services.graph.calls.filter((call) => call.method === 'POST' && call.path === `/${commentId}/comments`);
  expect(replyCalls).toHaveLength(2);
  expect(replyCalls[1]!.at.getTime() - replyCalls[0]!.at.getTime()).toBeGreaterThanOrEqual(2_900);
  expect(ctx.services.graph.repliesTo(commentId)).toHaveLength(1);
});
