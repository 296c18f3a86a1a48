import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { FakeX } from '../../fakes/fake-x.js';
import { postX, tweetCreateEvent, X_ACCOUNT, X_CONSUMER_SECRET, X_TOKEN } from '../../fixtures/x.js';
import { cardsIn, eventually, startApp, useServices } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardText, pressButton, USERS } from '../../support/slack-press.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';

/** A second X account of the same brand, mapped in the playbook with its own user token (by variable name). */
const OUTLET = { id: '1450000000000000002', name: 'Acme Outlet', username: 'acmeoutlet' };
const OUTLET_TOKEN = 'x-user-context-token-outlet';
const MAIN_NAME = 'Acme Outdoor on X';

const fake = new FakeX({ account: X_ACCOUNT, token: X_TOKEN });
fake.addAccount(OUTLET, OUTLET_TOKEN);
let apiUrl = '';
let playbook = '';
const context = useServices();

beforeAll(async () => {
  apiUrl = (await fake.start()).url;
  playbook = writeTestPlaybook({
    accounts: [
      { platform: 'x', id: X_ACCOUNT.id, name: MAIN_NAME },
      { platform: 'x', id: OUTLET.id, name: OUTLET.name, token_env: 'X_TOKEN_OUTLET' },
    ],
  });
});
afterAll(async () => {
  await fake.close();
  rmSync(playbook, { force: true });
});

let people = 0;
const person = (name: string) =>
  fake.addUser({ id: `22000000000000100${++people}`, name, username: name.toLowerCase().replace(/\s/gu, '') });
const mentionOf = (account: { id: string; username: string }, name: string, text: string) => {
  const author = person(name);
  return { author, tweet: fake.addTweet({ text: `@${account.username} ${text}`, author_id: author.id, mentions: [account.id] }) };
};
const startX = async (extra: Record<string, string> = {}): Promise<Running> => {
  const env = {
    X_USER_ID: X_ACCOUNT.id,
    X_ACCESS_TOKEN: X_TOKEN,
    X_API_URL: apiUrl,
    X_TOKEN_OUTLET: OUTLET_TOKEN,
    SWITCHBOARD_PLAYBOOK: playbook,
  };
  const app = await startApp(context.services, { env: { ...env, ...extra } });
  context.running.push(app);
  return app;
};
const cardFor = (name: string) =>
  eventually(async () => cardsIn(context.services).find((candidate) => cardText(candidate).includes(name)), `the card for ${name}`);

/** Approve on the card; the fake answers as the token's owner, so the reply's author is the account whose token was used. */
const approveAndFindReply = async (app: Running, card: Awaited<ReturnType<typeof cardFor>>, tweetId: string, actionId: string) => {
  await eventually(
    () =>
      context.services.database.db
        .selectFrom('card_placements')
        .select('card_id')
        .where('chat_message_id', '=', card.ts)
        .executeTakeFirst(),
    'the card to be recorded',
  );
  await pressButton(app.url!, context.services.slack, card, 'approve', USERS.alice, actionId);
  return eventually(async () => fake.repliesTo(tweetId)[0], 'the reply');
};

describe('two X accounts, polled (no X_CONSUMER_SECRET)', () => {
  it('each account’s mentions make cards under its name, and Approve replies with its own token', async () => {
    const main = mentionOf(X_ACCOUNT, 'Polly Main', 'I want a refund, the stove leaks');
    const outlet = mentionOf(OUTLET, 'Olly Outlet', 'I want a refund, the boots split');
    const app = await startX();
    const mainCard = await cardFor('Polly Main');
    const outletCard = await cardFor('Olly Outlet');
    expect(cardText(mainCard)).toContain(MAIN_NAME);
    expect(cardText(outletCard)).toContain(OUTLET.name);

    // Each account has its own cursor: neither poller's since_id hides the other's mentions.
    const cursors = await context.services.database.db.selectFrom('polling_cursors').select('source').orderBy('source').execute();
    expect(cursors.map((row) => row.source)).toEqual(['x', `x:mentions:${OUTLET.id}`]);

    // On pay-per-use the fake refuses a reply from an account the post did not mention: the right token is the only way through.
    expect((await approveAndFindReply(app, outletCard, outlet.tweet.id, 'approve-outlet')).author_id).toBe(OUTLET.id);
    expect((await approveAndFindReply(app, mainCard, main.tweet.id, 'approve-main')).author_id).toBe(X_ACCOUNT.id);
    await app.stop();
    context.running.splice(context.running.indexOf(app), 1);
  });
});

describe('two X accounts through Account Activity webhooks', () => {
  it('a delivery for the second account (for_user_id) makes its card, and Approve acts with its token', async () => {
    const app = await startX({ X_CONSUMER_SECRET });
    const { author, tweet } = mentionOf(OUTLET, 'Wendy Webhook', 'refund please, wrong size');
    const delivery = tweetCreateEvent(
      { id: tweet.id, text: 'refund please, wrong size', user: { id: author.id, name: author.name, screen_name: author.username } },
      OUTLET.id,
    );
    expect((await postX(app.url!, delivery)).status).toBe(200);
    const card = await cardFor('Wendy Webhook');
    expect(cardText(card)).toContain(OUTLET.name);
    expect((await approveAndFindReply(app, card, tweet.id, 'approve-webhook')).author_id).toBe(OUTLET.id);

    // An account the app is subscribed to but Switchboard has no token for: recorded, ignored, no card.
    const stranger = { id: '1450000000000000009', username: 'acmekids' };
    const other = mentionOf(stranger, 'Nora Nobody', 'refund please');
    const unserved = tweetCreateEvent(
      {
        id: other.tweet.id,
        text: 'refund please',
        user: { id: other.author.id, name: other.author.name, screen_name: other.author.username },
      },
      stranger.id,
    );
    expect((await postX(app.url!, unserved)).status).toBe(200);
    const recorded = await eventually(
      () =>
        context.services.database.db
          .selectFrom('inbound_events')
          .select('dedupe_key')
          .where('dedupe_key', 'like', `unserved:${stranger.id}:%`)
          .executeTakeFirst(),
      'the unserved delivery to be recorded',
    );
    expect(recorded).toBeDefined();
    await eventually(() => queuesIdle(context.services), 'the queues to drain');
    expect(cardsIn(context.services).some((candidate) => cardText(candidate).includes('Nora Nobody'))).toBe(false);
  });
});
