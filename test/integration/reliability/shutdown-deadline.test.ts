import { afterAll, beforeAll, expect, it } from 'vitest';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, type Services, startApp, startServices } from '../../support/app-harness.js';
import { exited, spawnWorker } from '../../support/child-worker.js';
import { startTcpProxy } from '../../support/tcp-proxy.js';

let services: Services;
let redisProxy: Awaited<ReturnType<typeof startTcpProxy>>;

beforeAll(async () => {
  services = await startServices();
  const redis = new URL(services.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  redisProxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
});
afterAll(async () => {
  await redisProxy?.close();
  await services?.close();
});

const listeningUrl = (output: string): string | undefined => output.match(/"url":"(http:\/\/[^"]+)"/u)?.[1];

it('with Redis unreachable, SIGTERM ends the process at the deadline, and the stored comment still becomes a card', async () => {
  const redisUrl = new URL(services.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  redisUrl.port = String(redisProxy.port);
  const child = spawnWorker(
    { ...services.env, REDIS_URL: redisUrl.toString(), SWITCHBOARD_LOG_LEVEL: 'info', SWITCHBOARD_SHUTDOWN_TIMEOUT_MS: '1500' },
    'start',
  );
  const url = await eventually(
    async () => child.output().includes('workers started') && listeningUrl(child.output()),
    'the app to start',
    60_000,
  );

  redisProxy.down();
  const commentId = `${POST_ID.split('_')[1]}_990000000000001`;
  services.graph.addComment({ id: commentId, from: { id: '6100000000000077', name: 'Rui Costa' }, message: 'refund', postId: POST_ID });
  const answer = await postMeta(url, commentAdded({ commentId, message: 'I want a refund for my order' }));
  expect(answer.status).toBe(200);

  child.kill('SIGTERM');
  await exited(child);
  expect(child.output()).toContain('shutdown deadline reached');
  expect(child.exitCode).toBe(0);

  // Nothing stored is lost: with Redis back, the reconciler queues the stored event and its card is posted.
  redisProxy.up();
  const stored = await services.database.db.selectFrom('inbound_events').select('id').execute();
  expect(stored).toHaveLength(1);
  const app = await startApp(services, { env: { SWITCHBOARD_RECONCILE_INTERVAL_MS: '200', SWITCHBOARD_RECONCILE_AFTER_MS: '0' } });
  try {
    await eventually(async () => cardsIn(services).length === 1, 'the card of the comment stored before the shutdown', 30_000);
  } finally {
    await app.stop();
  }
}, 180_000);
