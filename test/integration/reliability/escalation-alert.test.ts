import { expect, it } from 'vitest';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, useServices } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { createQueues, redisForQueues } from '../../../src/jobs/queues.js';
import { reconcileOnce } from '../../../src/jobs/reconcile.js';

const ESCALATION_CHANNEL = 'C0ESCALATE';
const escalationEnv = { SLACK_ESCALATION_CHANNEL: ESCALATION_CHANNEL, SLACK_ESCALATION_MENTION: '<!subteam^S0FOUNDERS>' };
const ctx = useServices();

const threat = (n: number) =>
  commentAdded({
    commentId: `${POST_ID.split('_')[1]}_98000000000000${n}`,
    message: `I will sue you over order ${n}, my lawyer is ready`,
    from: { id: `65000000000000${n}`, name: `Angry Customer ${n}` },
  });

const alertsFor = (n: number) =>
  ctx.services.slack
    .messagesIn(ESCALATION_CHANNEL)
    .filter((message) => !message.thread_ts && JSON.stringify(message).includes(`order ${n}`));

it('(i) an escalation alert whose answer was lost is found in the channel on the retry: phones ring once', async () => {
  const app = await startApp(ctx.services, { env: escalationEnv });
  try {
    // The card goes out first, then the alert, whose answer is lost.
    ctx.services.slack.loseNextAnswer('chat.postMessage', (body) => JSON.stringify(body.metadata ?? null).includes('switchboard_alert'));
    await postMeta(app.url!, threat(1));
    await eventually(async () => alertsFor(1).length > 0, 'the alert');
    await eventually(
      async () =>
        (await ctx.services.database.db.selectFrom('escalations').select('alert_message_id').executeTakeFirst())?.alert_message_id ??
        undefined,
      'the alert to be recorded',
      20_000,
    );
    await eventually(() => queuesIdle(ctx.services), 'the queues to drain', 20_000);
    expect(alertsFor(1)).toHaveLength(1);
    expect(ctx.services.slack.callsTo('conversations.history').some((call) => call.body.channel === ESCALATION_CHANNEL)).toBe(true);
  } finally {
    await app.stop();
  }
});

it('(j) with Redis emptied after the card was posted but before its alert, the reconciler queues it again and it rings once', async () => {
  // No chat worker: the card is posted inline by ingest, the alert job waits in the chat queue.
  const ingestOnly = await startApp(ctx.services, { queues: ['ingest'], env: escalationEnv });
  ctx.running.push(ingestOnly);
  await postMeta(ingestOnly.url!, threat(2));
  await eventually(async () => cardsIn(ctx.services).find((message) => JSON.stringify(message).includes('order 2')), 'the card');
  await ingestOnly.stop();
  ctx.running.splice(ctx.running.indexOf(ingestOnly), 1);
  await ctx.services.redis.flush();
  expect(alertsFor(2)).toHaveLength(0);

  // The reconciler (any running worker, every few seconds) queues the alert again…
  const connection = redisForQueues(ctx.services.redis.url);
  const queues = createQueues(connection, ctx.services.redis.prefix);
  try {
    const report = await reconcileOnce(ctx.services.database.db, queues, 0);
    expect(report?.escalations).toBe(1);
    const escalation = await ctx.services.database.db
      .selectFrom('escalations')
      .select('id')
      .where('alert_message_id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(await queues.chat.getJob(`escalation-${escalation.id}`)).toBeDefined();
  } finally {
    await queues.close();
    connection.disconnect();
  }

  // …and a worker posts it, once (its start-up would have found it too).

  const worker = await startApp(ctx.services, {
    web: false,
    env: { ...escalationEnv, SWITCHBOARD_RECONCILE_INTERVAL_MS: '100', SWITCHBOARD_RECONCILE_AFTER_MS: '0' },
  });
  ctx.running.push(worker);
  await eventually(async () => alertsFor(2).length > 0, 'the alert, re-enqueued by the reconciler', 20_000);
  await eventually(() => queuesIdle(ctx.services), 'the queues to drain', 20_000);
  expect(alertsFor(2)).toHaveLength(1);
  expect(alertsFor(2)[0]!.text.startsWith('<!subteam^S0FOUNDERS>')).toBe(true);
});
