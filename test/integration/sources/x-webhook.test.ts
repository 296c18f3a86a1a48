import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { FakeX } from '../../fakes/fake-x.js';
import { directMessageEvent, postX, tweetCreateEvent, X_ACCOUNT, X_CONSUMER_SECRET, X_TOKEN } from '../../fixtures/x.js';
import { cardsIn, eventually, notesOn, startApp, useServices } from '../../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';

const fake = new FakeX({ account: X_ACCOUNT, token: X_TOKEN });
const context = useServices();
let apiUrl = '';
let serial = 0;

beforeAll(async () => {
  apiUrl = (await fake.start()).url;
});
afterAll(() => fake.close());

const person = (name: string) => {
  serial += 1;
  const id = `330000000000000${serial}`.padEnd(19, '0');
  return fake.addUser({ id, name, username: `${name.split(' ')[0]?.toLowerCase()}${serial}` });
};

const cardFor = (name: string) =>
  eventually(async () => cardsIn(context.services).find((card) => cardText(card).includes(name)), `the card for ${name}`);

const startX = async (env: Record<string, string> = {}): Promise<Running> => {
  const app = await startApp(context.services, {
    env: { X_USER_ID: X_ACCOUNT.id, X_ACCESS_TOKEN: X_TOKEN, X_CONSUMER_SECRET, X_API_URL: apiUrl, ...env },
  });
  context.running.push(app);
  return app;
};

/** A mention from a new person, on the fake and delivered through the webhook. */
const deliverMention = async (app: Running, name: string, text: string) => {
  const author = person(name);
  const tweet = fake.addTweet({ text: `@${X_ACCOUNT.username} ${text}`, author_id: author.id, mentions: [X_ACCOUNT.id] });
  const answer = await postX(
    app.url ?? '',
    tweetCreateEvent({ id: tweet.id, text, user: { id: author.id, name, screen_name: author.username } }),
  );
  expect(answer.status).toBe(200);
  return { author, tweet, card: await cardFor(name) };
};

describe('X Account Activity webhook', () => {
  let app: Running;
  beforeAll(async () => {
    app = await startX();
  });
  afterAll(async () => {
    await app.stop();
    context.running.splice(context.running.indexOf(app), 1);
  });

  it('answers the CRC with the base64 HMAC of the token under the consumer secret', async () => {
    const response = await fetch(`${app.url}/webhooks/x?crc_token=challenge-123`);
    expect(response.status).toBe(200);
    const expected = `sha256=${createHmac('sha256', X_CONSUMER_SECRET).update('challenge-123').digest('base64')}`;
    expect(await response.json()).toEqual({ response_token: expected });
    expect((await fetch(`${app.url}/webhooks/x`)).status).toBe(400);
  });

  it('answers 400 naming what is wrong in a malformed delivery', async () => {
    const answer = await postX(app.url ?? '', { for_user_id: X_ACCOUNT.id, tweet_create_events: [{ id_str: 42 }] });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toMatch(/^tweet_create_events\.0\.id_str: /u);
  });

  it('turns a DM into a card whose Approve sends one DM back', async () => {
    const sender = person('Morgan Direct');
    const dm = directMessageEvent({
      id: fake.nextId(),
      text: 'I want a refund, my order never came',
      sender: { id: sender.id, name: sender.name, screen_name: sender.username },
    });
    expect((await postX(app.url ?? '', dm)).status).toBe(200);
    const card = await cardFor('Morgan Direct');
    await pressButton(app.url ?? '', context.services.slack, card, 'approve', USERS.alice, 'x-dm-approve');
    await eventually(async () => fake.dmsWith(sender.id).length > 0, 'the DM on X');
    await eventually(async () => notesOn(context.services, card.ts).find((note) => note.text?.includes('message sent')), 'the note');
    expect(fake.dmsWith(sender.id)).toHaveLength(1);
  });

  it('on pay-per-use shows no Block, and a reply X refuses says why on the card', async () => {
    const { tweet, card } = await deliverMention(app, 'Riley Paygo', 'I want a refund for the boots');
    expect(cardButtons(card).has('sb:block')).toBe(false);
    // The person edited their post and took the @mention out: on pay-per-use, X no longer lets the account reply.
    tweet.mentions = [];
    await pressButton(app.url ?? '', context.services.slack, card, 'approve', USERS.alice, 'x-paygo-approve');
    const note = await eventually(
      async () => notesOn(context.services, card.ts).find((candidate) => candidate.text?.includes('refused')),
      'the refusal on the card',
    );
    expect(note.text).toMatch(/pay-per-use access X allows replies only to posts that mention or quote the account/u);
    expect(fake.repliesTo(tweet.id)).toHaveLength(0);
  });
});

describe('X on Enterprise access', () => {
  it('offers Block on the card (X_ACCESS_LEVEL=enterprise)', async () => {
    const app = await startX({ X_ACCESS_LEVEL: 'enterprise' });
    const { card } = await deliverMention(app, 'Quinn Enterprise', 'I want a refund, this is a scam');
    expect(cardButtons(card).has('sb:block')).toBe(true);
  });
});
