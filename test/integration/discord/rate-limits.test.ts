import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queuesIdle } from '../../support/queue-state.js';
import { eventually } from '../../support/app-harness.js';
import { customerComments } from '../../contract/chat/contract-helpers.js';
import { type DiscordDriver, makeDiscordHttpDriver } from '../../contract/chat/discord-driver.js';
import { embedOf } from '../../contract/chat/discord-neutral.js';
import { CARD_CHANNEL_ID } from '../../contract/chat/discord-setup.js';
import type { FakeDiscordRest } from '../../fakes/fake-discord-rest.js';

/** Under a storm of 429s on the card channel, every card is posted, once: the queue waits, nothing is lost or doubled. */
describe('Discord rate limits', () => {
  let driver: DiscordDriver;
  let discord: FakeDiscordRest;
  beforeAll(async () => {
    driver = (await makeDiscordHttpDriver({ onCall: 'dana' })) as DiscordDriver;
    discord = driver.discord.discord;
  });
  afterAll(async () => {
    await driver?.close();
  });

  it('a 429 storm on the card channel delays cards but loses none and posts none twice', async () => {
    discord.rateLimit(8, { retryAfterMs: 300, path: new RegExp(`^/channels/${CARD_CHANNEL_ID}/messages$`, 'u') });
    const customers = [];
    for (let i = 0; i < 4; i += 1) customers.push(await customerComments(driver, `I want a refund please, order ${i}`));
    for (const customer of customers) await driver.cardFor(customer.name);
    await eventually(() => queuesIdle(driver.discord.services), 'the queues to drain');

    expect(discord.requests.filter((request) => request.status === 429).length).toBe(8);
    const footers = discord.messagesIn(CARD_CHANNEL_ID).map((message) => embedOf(message).footer?.text?.replace(/ · v\d+$/u, ''));
    expect(new Set(footers).size).toBe(footers.length);
    expect(footers).toHaveLength(4);
  });
});
