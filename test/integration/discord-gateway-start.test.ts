import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { FakeDiscordGateway } from '../fakes/fake-discord-gateway.js';
import { FAKE_BOT_ID, FAKE_BOT_TOKEN, FakeDiscordRest } from '../fakes/fake-discord-rest.js';
import { createInteractionSigner } from '../fakes/fake-discord-signing.js';
import { commandInteraction } from '../contract/chat/discord-interactions.js';
import { APPLICATION_ID, CARD_CHANNEL_ID, DISCORD_PEOPLE, ESCALATION_CHANNEL_ID, GUILD_ID } from '../contract/chat/discord-setup.js';
import { eventually, startServices, type Services } from '../support/app-harness.js';
import { exited, spawnWorker } from '../support/child-worker.js';

// `switchboard start` as its own process through tsx: seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let services: Services;
const gateway = new FakeDiscordGateway({
  token: FAKE_BOT_TOKEN,
  applicationId: APPLICATION_ID,
  botUser: { id: FAKE_BOT_ID, username: 'Switchboard' },
});
let discord: FakeDiscordRest;

beforeAll(async () => {
  services = await startServices();
  discord = new FakeDiscordRest({
    guildId: GUILD_ID,
    channels: [CARD_CHANNEL_ID, ESCALATION_CHANNEL_ID],
    gatewayUrl: await gateway.start(),
  });
  await discord.start();
});
afterAll(async () => {
  await discord?.close();
  await gateway.close();
  await services?.close();
});

it('switchboard start with Discord over the gateway and no Slack: an interaction arrives with no inbound HTTP, and SIGTERM closes the gateway', async () => {
  const env = {
    ...services.env,
    SLACK_BOT_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    SLACK_CHANNEL: '',
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_PUBLIC_KEY: createInteractionSigner().publicKeyHex,
    DISCORD_BOT_TOKEN: FAKE_BOT_TOKEN,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GATEWAY: 'true',
    DISCORD_GUILD_ID: GUILD_ID,
    DISCORD_CHANNEL_ID: CARD_CHANNEL_ID,
    SWITCHBOARD_LOG_LEVEL: 'info',
  };
  const child = spawnWorker(env, 'start');
  try {
    await eventually(async () => gateway.identifies.length > 0, 'the app to identify on the gateway', 60_000);
    const interaction = commandInteraction({ person: DISCORD_PEOPLE.alice, channelId: CARD_CHANNEL_ID }, 'sla', '');
    // The fake answers IDENTIFY with READY at once; the interaction follows it on the same socket.
    gateway.interactionCreate(interaction);
    const answer = await eventually(
      async () => discord.callbackFor(interaction.id),
      'the answer to /sla on the interaction callback',
      60_000,
    );
    expect(answer).toMatchObject({ data: { flags: 64 } });
    child.kill('SIGTERM');
    await exited(child);
    expect(child.exitCode).toBe(0);
    await eventually(async () => gateway.closes.length > 0, 'the fake gateway to hear the connection close');
    expect(gateway.closes).toContain(1000);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
