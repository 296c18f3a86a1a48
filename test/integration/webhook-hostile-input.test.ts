import { describe, expect, it } from 'vitest';
import { handleWebhook } from '../../src/http/webhook-handler.js';
import type { WebhookSource } from '../../src/domain/webhook-source.js';
import { silentLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { createEventWriter } from '../../src/store/event-writer.js';
import { CREATED_TIME, PAGE_ID, POST_ID } from '../fixtures/meta.js';
import { postMeta, useApp } from '../support/app-harness.js';

// Web only: these tests look at what is stored (or not), before any worker touches it.
const ctx = useApp({ worker: false });

const countEvents = async () =>
  Number(
    (
      await ctx.services.database.db
        .selectFrom('inbound_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Built as text: JSON.stringify itself overflows the stack on values this deep. */
const nestedChangeBody = (levels: number): string =>
  `{"object":"page","entry":[{"id":"${PAGE_ID}","time":${CREATED_TIME},"changes":[{"field":"feed","value":{"item":"status","verb":"add","nested":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}}]}]}`;

const pageBodyWith = (changes: string[]): string =>
  `{"object":"page","entry":[{"id":"${PAGE_ID}","time":${CREATED_TIME},"changes":[${changes.join(',')}]}]}`;

const tinyComment = (n: number): string => {
  const postId = POST_ID.split('_')[1];
  return JSON.stringify({
    field: 'feed',
    value: {
      item: 'comment',
      verb: 'add',
      comment_id: `${postId}_${n}`,
      post_id: POST_ID,
      from: { id: '61' },
      created_time: CREATED_TIME,
      message: 'hi',
    },
  });
};

describe('deep nesting', () => {
  it.each([100, 3_000, 50_000])('answers 400 to a change nested %i levels deep and stores nothing', async (levels) => {
    const before = await countEvents();
    const answer = await postMeta(ctx.app.url!, undefined, { raw: nestedChangeBody(levels) });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toMatch(/nested deeper than 64 levels/u);
    expect(await countEvents()).toBe(before);
  });

  it('stores a change nested within the limit', async () => {
    const answer = await postMeta(ctx.app.url!, undefined, { raw: nestedChangeBody(50) });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ received: 1, duplicates: 0 });
  });
});

describe('a body with thousands of changes', () => {
  it('stores 5,000 comments once, and a redelivery stores none twice', async () => {
    const before = await countEvents();
    const body = pageBodyWith(Array.from({ length: 5_000 }, (_, n) => tinyComment(1_000_000 + n)));
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    const answer = await postMeta(ctx.app.url!, undefined, { raw: body });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ received: 5_000, duplicates: 0 });
    expect(await countEvents()).toBe(before + 5_000);

    const again = await postMeta(ctx.app.url!, undefined, { raw: body });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ received: 5_000, duplicates: 5_000 });
    expect(await countEvents()).toBe(before + 5_000);
  });

  it('stores 25,000 events, more than one INSERT can bind (65,535 parameters)', async () => {
    const before = await countEvents();
    const body = pageBodyWith(Array.from({ length: 25_000 }, (_, n) => `{"field":"f","value":${n}}`));
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    const answer = await postMeta(ctx.app.url!, undefined, { raw: body });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ received: 25_000, duplicates: 0 });
    expect(await countEvents()).toBe(before + 25_000);
  });
  it('stores the chunks of one write all together or not at all', async () => {
    const writer = createEventWriter(ctx.services.database.db, { rowsPerInsert: 1 });
    const event = (key: string, payload: unknown) => ({ source: 'chunks', dedupeKey: key, payload, recordOnly: true });
    const before = await countEvents();
    // The writer is past the edge that cleans text: U+0000 here makes the second INSERT fail.
    await expect(writer.write([event('chunks:1', { ok: true }), event('chunks:2', { text: '\u0000' })])).rejects.toThrow();
    expect(await countEvents()).toBe(before);
    const stored = await writer.write([event('chunks:1', {}), event('chunks:2', {}), event('chunks:1', {})]);
    expect(stored.map((row) => row.id === undefined)).toEqual([false, false, true]);
    expect(await countEvents()).toBe(before + 2);
  });
});

describe('a source whose mapper throws', () => {
  it('answers 400 naming the problem, never 500, and stores nothing', async () => {
    const throwing: WebhookSource = {
      name: 'brittle',
      path: '/webhooks/brittle',
      verify: () => true,
      parse: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'id')");
      },
    };
    const before = await countEvents();
    const answer = await handleWebhook(
      throwing,
      {
        writer: createEventWriter(ctx.services.database.db),
        enqueueIngest: () => undefined,
        metrics: createMetrics(),
        logger: silentLogger(),
      },
      Buffer.from('{"entry":[{}]}'),
      {},
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/could not be mapped.*reading 'id'/u);
    expect(await countEvents()).toBe(before);
  });

  it('still answers 200 when queueing fails after the events are stored', async () => {
    const source: WebhookSource = {
      name: 'steady',
      path: '/webhooks/steady',
      verify: () => true,
      parse: () => ({ ok: true, items: [{ type: 'ignored', dedupeKey: 'steady:1', reason: 'test', raw: {} }] }),
    };
    const answer = await handleWebhook(
      source,
      {
        writer: createEventWriter(ctx.services.database.db),
        enqueueIngest: () => {
          throw new Error('Redis is gone');
        },
        metrics: createMetrics(),
        logger: silentLogger(),
      },
      Buffer.from('{}'),
      {},
    );
    expect(answer).toEqual({ status: 200, body: { received: 1, duplicates: 0 } });
  });
});
