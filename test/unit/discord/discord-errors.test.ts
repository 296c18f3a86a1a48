import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callDiscord } from '../../../adapters/chat/discord/discord-errors.js';
import { createDiscordRest } from '../../../adapters/chat/discord/discord-rest.js';
import { PermanentPlatformError, RateLimitedError } from '../../../src/errors.js';
import { FAKE_BOT_TOKEN, FakeDiscordRest } from '../../fakes/fake-discord-rest.js';

const CHANNEL = '910000000000000001';

/** The real @discordjs/rest client against the fake: Discord's answers become the errors that steer the queue. */
describe('Discord errors, as the chat jobs see them', () => {
  const discord = new FakeDiscordRest({ guildId: '900000000000000001', channels: [CHANNEL] });
  beforeAll(() => discord.start());
  afterAll(() => discord.close());
  const rest = (token = FAKE_BOT_TOKEN) => createDiscordRest({ apiUrl: discord.apiUrl, botToken: token, forQueue: true });
  const post = (client = rest(), channel = CHANNEL) =>
    callDiscord(() => client.post(Routes.channelMessages(channel), { body: { content: 'hello', allowed_mentions: { parse: [] } } }));

  it('a 429 is not waited out in the worker: it becomes RateLimitedError with the time Discord asked for', async () => {
    discord.rateLimit(1, { retryAfterMs: 2_500 });
    const error = await post().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(2_000);
    expect(discord.messagesIn(CHANNEL)).toEqual([]);
  });

  it('an unknown channel and a refused token are permanent, with words saying what to fix', async () => {
    await expect(post(rest(), '910000000000000999')).rejects.toThrow(PermanentPlatformError);
    await expect(post(rest(), '910000000000000999')).rejects.toThrow(/check DISCORD_CHANNEL_ID/u);
    await expect(post(rest('wrong'))).rejects.toThrow(/check DISCORD_BOT_TOKEN/u);
  });

  it('a message Discord would refuse for its size is permanent, not retried', async () => {
    const client = rest();
    await expect(callDiscord(() => client.post(Routes.channelMessages(CHANNEL), { body: { content: 'x'.repeat(2001) } }))).rejects.toThrow(
      /Invalid Form Body/u,
    );
  });

  it('an interaction callback answers 204 with no body, which the client reads without failing', async () => {
    await rest().post(Routes.interactionCallback('950000000000000001', 'tok'), { body: { type: 6 }, auth: false });
    expect(discord.callbackFor('950000000000000001')).toEqual({ type: 6 });
  });
});
