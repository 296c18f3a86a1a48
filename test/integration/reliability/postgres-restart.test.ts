import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { startTcpProxy } from '../../support/tcp-proxy.js';

let services: Services;
let app: Running;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;

beforeAll(async () => {
  services = await startServices();
  proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  const url = new URL(services.database.url);
  url.port = String(proxy.port);
  app = await startApp(services, {
    env: { DATABASE_URL: url.toString(), SWITCHBOARD_RECONCILE_INTERVAL_MS: '200', SWITCHBOARD_RECONCILE_AFTER_MS: '500' },
  });
});
afterAll(async () => {
  await app?.stop();
  await proxy?.close();
  await services?.close();
});

const comment = (n: number) =>
  commentAdded({
    commentId: `${POST_ID.split('_')[1]}_95000000000${String(n).padStart(4, '0')}`,
    message: `Refund for order ${n}, this is a complaint`,
    from: { id: `6200000000${String(n).padStart(4, '0')}`, name: `Customer ${n}` },
  });

it('(e) Postgres restarted under a stream of webhooks: 503 while down, recovers by itself, nothing lost', async () => {
  const statuses = new Map<number, number[]>();
  const send = async (n: number) => {
    const { status } = await postMeta(app.url!, comment(n));
    statuses.set(n, [...(statuses.get(n) ?? []), status]);
    return status;
  };
  for (let n = 1; n <= 5; n++) expect(await send(n)).toBe(200);

  proxy.down();
  for (let n = 6; n <= 10; n++) expect(await send(n)).toBe(503);
  const ready = await fetch(`${app.url}/readyz`);
  expect(ready.status).toBe(503);
  proxy.up();

  // The platform retries what got 503; the process serves again without a restart.
  for (let n = 6; n <= 15; n++) {
    await eventually(async () => (await send(n)) === 200, `event ${n} to be accepted after the restart`);
  }
  expect((await fetch(`${app.url}/readyz`)).status).toBe(200);

  await eventually(async () => cardsIn(services).length === 15, 'a card for each of the 15 comments', 30_000);
  const events = await services.database.db.selectFrom('inbound_events').select(['id', 'processed_at']).execute();
  expect(events).toHaveLength(15);
  expect(events.every((event) => event.processed_at !== null)).toBe(true);
  expect(cardsIn(services)).toHaveLength(15);
}, 90_000);
