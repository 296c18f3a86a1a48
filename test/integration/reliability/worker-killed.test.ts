import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { exited, spawnWorker } from '../../support/child-worker.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardText, pressButton, USERS } from '../../support/slack-press.js';

let services: Services;
let web: Running;
let rescuer: Running | undefined;

beforeAll(async () => {
  services = await startServices();
  // This process ingests and posts cards; platform calls are left to the worker we kill.
  web = await startApp(services, { queues: ['ingest', 'chat'], lockDurationMs: 1000 });
});
afterAll(async () => {
  await rescuer?.stop();
  await web?.stop();
  await services?.close();
});

it('(c) a worker killed mid-reply does not lead to a second reply when the job is retried', async () => {
  const commentId = `${POST_ID.split('_')[1]}_800000000000001`;
  services.graph.addComment({
    id: commentId,
    from: { id: '6100000000000042', name: 'Dana Whitfield' },
    message: 'refund?',
    postId: POST_ID,
  });
  await postMeta(web.url!, commentAdded({ commentId, message: 'I want a refund' }));
  const card = await eventually(async () => cardsIn(services)[0], 'the card');

  // The reply reaches Facebook and takes effect, but the worker never hears back: then it dies.
  const held = services.graph.holdNext(`/${commentId}/comments`);
  const doomed = spawnWorker({ ...services.env, SWITCHBOARD_JOB_LOCK_MS: '1000', SWITCHBOARD_RECONCILE_INTERVAL_MS: '600000' });
  try {
    await pressButton(web.url!, services.slack, card, 'approve', USERS.alice, 'press');
    await Promise.race([
      held.arrived,
      exited(doomed).then(() => {
        throw new Error(`the worker exited early:\n${doomed.output()}`);
      }),
    ]);
    doomed.kill('SIGKILL');
    await exited(doomed);
  } finally {
    held.release();
  }
  expect(services.graph.repliesTo(commentId)).toHaveLength(1);

  // Another worker finds the stalled job, sees the action in flight, and asks Facebook first.
  rescuer = await startApp(services, { web: false, lockDurationMs: 1000 });
  const action = await eventually(
    async () => {
      const row = await services.database.db.selectFrom('actions').selectAll().where('kind', '=', 'reply').executeTakeFirst();
      return row?.status === 'succeeded' ? row : undefined;
    },
    'the action to be settled by the second worker',
    20_000,
  );
  expect(action.result).toMatchObject({ verified: true });
  await eventually(() => queuesIdle(services), 'the queues to drain');

  expect(services.graph.repliesTo(commentId)).toHaveLength(1);
  expect(services.graph.calls.filter((call) => call.method === 'POST' && call.path === `/${commentId}/comments`)).toHaveLength(1);
  await eventually(async () => cardText(cardsIn(services)[0]!).includes('✅'), 'the card to show success');
});
