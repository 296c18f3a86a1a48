import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/main.js';
import { commentAdded, feedReactionChange, pageBody, pageEntry, POST_ID } from '../fixtures/meta.js';
import { postMeta, startApp, startServices, VERIFY_TOKEN, type Services } from '../support/app-harness.js';

let services: Services;
let app: Running;

// Web only: these tests look at what is stored, before any worker touches it.
beforeAll(async () => {
  services = await startServices();
  app = await startApp(services, { worker: false });
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
});

const countEvents = async () =>
  Number(
    (
      await services.database.db
        .selectFrom('inbound_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('GET /webhooks/meta (verification handshake)', () => {
  it('echoes hub.challenge when the verify token matches', async () => {
    const response = await fetch(`${app.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('1158201444');
  });
  it('answers 403 to a wrong verify token', async () => {
    const response = await fetch(`${app.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(response.status).toBe(403);
  });
});

describe('POST /webhooks/meta', () => {
  it('stores the event before answering 200', async () => {
    const before = await countEvents();
    const answer = await postMeta(app.url!, commentAdded({ commentId: `${POST_ID.split('_')[1]}_500000000000001` }));
    expect(answer.status).toBe(200);
    expect(await countEvents()).toBe(before + 1);
  });

  it('recognises a redelivery and stores it once', async () => {
    const body = commentAdded({ commentId: `${POST_ID.split('_')[1]}_500000000000002` });
    const before = await countEvents();
    expect((await postMeta(app.url!, body)).status).toBe(200);
    const again = await postMeta(app.url!, body);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ received: 1, duplicates: 1 });
    expect(await countEvents()).toBe(before + 1);
  });

  it('answers 401 to a wrong signature and stores nothing', async () => {
    const before = await countEvents();
    const answer = await postMeta(app.url!, commentAdded({ commentId: `${POST_ID.split('_')[1]}_500000000000003` }), {
      secret: 'not-the-secret',
    });
    expect(answer.status).toBe(401);
    const missing = await postMeta(app.url!, commentAdded(), { signature: '' });
    expect(missing.status).toBe(401);
    expect(await countEvents()).toBe(before);
  });

  it('answers 400 naming the problem for malformed JSON', async () => {
    const answer = await postMeta(app.url!, undefined, { raw: '{"object":"page","entry":[' });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toMatch(/malformed JSON/u);
  });

  it('answers 400 naming the field for a body of the wrong shape', async () => {
    const answer = await postMeta(app.url!, { object: 'page', entry: [{ id: 42, changes: 'nope' }] });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toMatch(/entry/u);
  });

  it('answers 413 to a 2 MiB body and keeps serving', async () => {
    const huge = JSON.stringify({ object: 'page', entry: [], padding: 'x'.repeat(2 * 1024 * 1024) });
    const answer = await postMeta(app.url!, undefined, { raw: huge });
    expect(answer.status).toBe(413);
    const after = await postMeta(app.url!, commentAdded({ commentId: `${POST_ID.split('_')[1]}_500000000000004` }));
    expect(after.status).toBe(200);
  });

  it('records events it does not act on (reactions) as already processed', async () => {
    const answer = await postMeta(app.url!, pageBody(pageEntry([feedReactionChange()])));
    expect(answer.status).toBe(200);
    const reaction = await services.database.db
      .selectFrom('inbound_events')
      .selectAll()
      .where('dedupe_key', 'like', '%reaction%')
      .executeTakeFirst();
    expect(reaction?.processed_at).not.toBeNull();
  });
});

describe('health, readiness and metrics', () => {
  it('serves /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('switchboard_webhook_requests_total');
    expect(metrics).toMatch(/switchboard_webhook_requests_total\{source="meta",status="401"\} \d+/u);
  });

  it('answers 404 with words for an unknown path', async () => {
    const response = await fetch(`${app.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining('/nope') });
  });

  it('rejects an unsigned Slack request with 401', async () => {
    const response = await fetch(`${app.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'payload=%7B%7D',
    });
    expect(response.status).toBe(401);
  });
});
