import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { exited, spawnWorker } from '../../support/child-worker.js';
import { pressButton, USERS } from '../../support/slack-press.js';

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

it('SIGTERM stops taking work but finishes the call in flight, then exits 0', async () => {
  const commentId = `${POST_ID.split('_')[1]}_880000000000001`;
  services.graph.addComment({
    id: commentId,
    from: { id: '6100000000000042', name: 'Dana Whitfield' },
    message: 'refund?',
    postId: POST_ID,
  });
  await postMeta(web.url!, commentAdded({ commentId, message: 'I want a refund' }));
  const card = await eventually(async () => cardsIn(services)[0], 'the card');

  const held = services.graph.holdNext(`/${commentId}/comments`);
  const worker = spawnWorker({ ...services.env, SWITCHBOARD_LOG_LEVEL: 'info' });
  await pressButton(web.url!, services.slack, card, 'approve', USERS.alice, 'press');
  await held.arrived;
  worker.kill('SIGTERM');
  await eventually(async () => worker.output().includes('shutting down'), 'the worker to start shutting down');
  held.release();
  await exited(worker);
  expect(worker.exitCode).toBe(0);

  const action = await services.database.db.selectFrom('actions').selectAll().where('kind', '=', 'reply').executeTakeFirstOrThrow();
  expect(action.status).toBe('succeeded');
  expect(services.graph.repliesTo(commentId)).toHaveLength(1);
});
