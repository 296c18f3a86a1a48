import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXMentionsPoller } from '../../../adapters/sources/x/poll-mentions.js';
import { XApi } from '../../../adapters/sources/x/x-api.js';
import { QuotaExceededError } from '../../../src/domain/polling-source.js';
import type { InboundItem } from '../../../src/domain/source.js';
import { FakeX, xProblem } from '../../fakes/fake-x.js';
import { X_ACCOUNT, X_TOKEN } from '../../fixtures/x.js';
import { cardsIn, eventually, startApp, useServices } from '../../support/app-harness.js';
import { cardText } from '../../support/slack-press.js';
import { rejection } from '../../contract/rejection.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const fake = new FakeX({ account: X_ACCOUNT, token: X_TOKEN, now: () => NOW });
let apiUrl = '';

const fan = fake.addUser({ id: '2200000000000000001', name: 'Jordan Poll', username: 'jordanpoll' });
const mention = (text: string) => fake.addTweet({ text: `@${X_ACCOUNT.username} ${text}`, author_id: fan.id, mentions: [X_ACCOUNT.id] });
const idsOf = (items: InboundItem[]) => items.map((item) => (item.type === 'message' ? item.message.externalId : item.dedupeKey));
const mentionCalls = () => fake.calls.filter((call) => call.path.endsWith('/mentions'));

beforeAll(async () => {
  apiUrl = (await fake.start()).url;
});
afterAll(() => fake.close());

describe('X mentions, polled (no X_CONSUMER_SECRET)', () => {
  const poller = () => createXMentionsPoller(new XApi({ apiUrl, accessToken: X_TOKEN, now: () => NOW }), X_ACCOUNT.id);

  it('finds only the mentions since the cursor, newest id as the next cursor', async () => {
    const first = [mention('one'), mention('two'), mention('three')];
    const start = await poller().poll(null, { units: Number.POSITIVE_INFINITY });
    expect(idsOf(start.items).sort()).toEqual(first.map((tweet) => tweet.id).sort());
    expect(start.cursor).toBe(first[2]?.id);

    const later = [mention('four'), mention('five')];
    const next = await poller().poll(start.cursor, { units: Number.POSITIVE_INFINITY });
    expect(mentionCalls().at(-1)?.query.since_id).toBe(start.cursor);
    expect(idsOf(next.items).sort()).toEqual(later.map((tweet) => tweet.id).sort());
    expect(next.cursor).toBe(later[1]?.id);

    const quiet = await poller().poll(next.cursor, { units: Number.POSITIVE_INFINITY });
    expect(quiet.items).toEqual([]);
    expect(quiet.cursor).toBe(next.cursor);
  });

  it('walks every page since the cursor, none twice', async () => {
    const cursor = (await poller().poll(null, { units: Number.POSITIVE_INFINITY })).cursor;
    const many = Array.from({ length: 230 }, (_, index) => mention(`question ${index}`));
    const result = await poller().poll(cursor, { units: Number.POSITIVE_INFINITY });
    const ids = idsOf(result.items);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(many.map((tweet) => tweet.id).sort());
    expect(result.unitsUsed).toBe(3);
    expect(result.cursor).toBe(many.at(-1)?.id);
  });

  it('a 429 pauses polling until x-rate-limit-reset', async () => {
    const reset = NOW.getTime() / 1000 + 600;
    fake.failNext(/mentions$/u, {
      status: 429,
      body: xProblem(429, 'Too Many Requests', 'Too Many Requests'),
      headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
    });
    const error = await rejection(poller().poll('1860000000000000001', { units: Number.POSITIVE_INFINITY }));
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect((error as QuotaExceededError).resumeAt?.getTime()).toBe(reset * 1000);
  });
});

describe('the app without X_CONSUMER_SECRET', () => {
  const context = useServices();

  it('has no /webhooks/x, and polls mentions into cards', async () => {
    const tweet = fake.addTweet({
      text: `@${X_ACCOUNT.username} I want a refund, the tent arrived torn`,
      author_id: fake.addUser({ id: '2200000000000000077', name: 'Avery Polled', username: 'averypolled' }).id,
      mentions: [X_ACCOUNT.id],
    });
    const app = await startApp(context.services, { env: { X_USER_ID: X_ACCOUNT.id, X_ACCESS_TOKEN: X_TOKEN, X_API_URL: apiUrl } });
    context.running.push(app);
    expect((await fetch(`${app.url}/webhooks/x?crc_token=abc`)).status).toBe(404);
    const card = await eventually(
      async () => cardsIn(context.services).find((candidate) => cardText(candidate).includes('Avery Polled')),
      'the polled card',
    );
    expect(cardText(card)).toContain('tent arrived torn');
    const stored = await context.services.database.db
      .selectFrom('messages')
      .select(['platform', 'external_id'])
      .where('external_id', '=', tweet.id)
      .execute();
    expect(stored).toEqual([{ platform: 'x', external_id: tweet.id }]);
  });
});
