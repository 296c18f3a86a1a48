import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordGateway } from '../../adapters/chat/discord/gateway-transport.js';
import type { DiscordInteractionHandler, DiscordInteractionResponse } from '../../adapters/chat/discord/interaction-handler.js';
import type { ChatConnection } from '../../src/command-center/chat-entry.js';
import { silentLogger } from '../../src/logger.js';
import { FakeDiscordGateway } from '../fakes/fake-discord-gateway.js';
import { eventually } from '../support/app-harness.js';

const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.fake.bot-token';
const GUILD_ID = '1200000000000000001';

interface RestCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/**
 * Just the REST routes discord.js needs to reach the gateway and answer interactions, until the
 * Discord fake REST server lands: `GET /gateway/bot`, `GET /users/@me` and the interaction callback
 * (204 with no content type: @discordjs/rest would try to parse an empty JSON body).
 */
const startRest = async (gateway: FakeDiscordGateway) => {
  const calls: RestCall[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    calls.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined });
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const authorized = req.headers.authorization === `Bot ${TOKEN}`;
    if (path === '/api/v10/gateway/bot')
      return authorized ? json(200, gateway.gatewayBotAnswer()) : json(401, { message: '401: Unauthorized', code: 0 });
    if (path === '/api/v10/users/@me') return json(200, { ...gateway.botUser, discriminator: '0', bot: true, avatar: null });
    if (req.method === 'POST' && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/u.test(path)) return res.writeHead(204).end();
    return json(404, { message: '404: Not Found', code: 0 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    calls,
    callbacks: () => calls.filter((call) => call.path.endsWith('/callback')),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** A button press as INTERACTION_CREATE carries it (component type 2, with the message that bore the button). */
const buttonPress = (id: string, customId = 'sb:approve:42') => ({
  id,
  application_id: '1100000000000000001',
  type: 3,
  token: `interaction-token-${id}`,
  version: 1,
  locale: 'en-US',
  guild_locale: 'en-US',
  app_permissions: '2248473465835073',
  entitlements: [],
  authorizing_integration_owners: { '0': GUILD_ID },
  context: 0,
  guild_id: GUILD_ID,
  channel_id: '1300000000000000001',
  channel: { id: '1300000000000000001', type: 0, guild_id: GUILD_ID, name: 'cards' },
  member: {
    user: { id: '1400000000000000001', username: 'alice', discriminator: '0', avatar: null, global_name: 'Alice' },
    roles: [],
    joined_at: '2026-01-01T00:00:00.000000+00:00',
    permissions: '2248473465835073',
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    nick: null,
    avatar: null,
    premium_since: null,
    communication_disabled_until: null,
  },
  data: { custom_id: customId, component_type: 2 },
  message: {
    id: '1500000000000000001',
    channel_id: '1300000000000000001',
    type: 0,
    content: '',
    author: { id: '1100000000000000002', username: 'switchboard', discriminator: '0', avatar: null, bot: true },
    attachments: [],
    embeds: [],
    mentions: [],
    mention_roles: [],
    pinned: false,
    mention_everyone: false,
    tts: false,
    timestamp: '2026-11-30T12:00:00.000000+00:00',
    edited_timestamp: null,
    flags: 0,
    components: [],
  },
});

/** A handler that records what it got and answers a deferred update, or fails when asked to. */
const recordingHandler = () => {
  const received: unknown[] = [];
  let failing = false;
  const handler: DiscordInteractionHandler = {
    handle: async (interaction): Promise<DiscordInteractionResponse> => {
      received.push(interaction);
      if (failing) throw new Error('the card is gone');
      return { type: 6 };
    },
  };
  return { handler, received, failNext: () => (failing = true), recover: () => (failing = false) };
};

describe('fake Discord gateway, driven by the real discord.js Client', () => {
  // Beats every 100 ms: a beat left without its ACK would make the client drop the connection and resume.
  const gateway = new FakeDiscordGateway({ token: TOKEN, guilds: [GUILD_ID], heartbeatIntervalMs: 100 });
  let rest: Awaited<ReturnType<typeof startRest>>;
  beforeAll(async () => {
    await gateway.start();
    rest = await startRest(gateway);
  });
  afterAll(async () => {
    await rest?.close();
    await gateway.close();
  });

  it('says HELLO, takes IDENTIFY with the token, answers READY and the guilds, acks heartbeats', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: rest.api }, waitGuildTimeout: 15_000 });
    try {
      const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
      await client.login(TOKEN);
      await ready;
      expect(client.user?.id).toBe(gateway.botUser.id);
      expect(client.application?.id).toBe(gateway.applicationId);
      expect(client.guilds.cache.get(GUILD_ID)?.name).toBe(`Guild ${GUILD_ID}`);
      expect(gateway.identifies.at(-1)).toEqual({ token: TOKEN, intents: GatewayIntentBits.Guilds });
      const interaction = new Promise<string>((resolve) => client.once('interactionCreate', (created) => resolve(created.id)));
      gateway.interactionCreate(buttonPress('1600000000000000001'));
      expect(await interaction).toBe('1600000000000000001');
      await gateway.waitFor(() => gateway.heartbeats >= 3, 'three heartbeats');
      expect(gateway.resumes).toEqual([]);
      expect(gateway.identifies).toHaveLength(1);
    } finally {
      await client.destroy();
    }
  });
});

describe('Discord gateway transport (DISCORD_GATEWAY=true)', () => {
  const gateway = new FakeDiscordGateway({ token: TOKEN, guilds: [GUILD_ID] });
  const recorder = recordingHandler();
  let rest: Awaited<ReturnType<typeof startRest>>;
  let transport: ChatConnection;
  beforeAll(async () => {
    await gateway.start();
    rest = await startRest(gateway);
    transport = await startDiscordGateway({ token: TOKEN, apiUrl: rest.api, handler: recorder.handler, logger: silentLogger() });
  });
  afterAll(async () => {
    await transport?.close();
    await rest?.close();
    await gateway.close();
  });

  it('passes the raw interaction to the handler and posts its answer to the callback, without the bot token', async () => {
    await expect(transport.ready()).resolves.toBeUndefined();
    const press = buttonPress('1600000000000000002');
    gateway.interactionCreate(press);
    const callback = await eventually(async () => rest.callbacks().find((call) => call.path.includes(press.id)), 'the callback');
    expect(recorder.received.at(-1)).toEqual(press);
    expect(callback).toMatchObject({
      method: 'POST',
      path: `/api/v10/interactions/${press.id}/${press.token}/callback`,
      body: { type: 6 },
    });
    expect(callback.authorization).toBeUndefined();
  });

  it('answers privately, pinging no one, when the handler fails; ignores a packet with no token', async () => {
    const seen = recorder.received.length;
    gateway.interactionCreate({ id: '1600000000000000003', type: 3 });
    recorder.failNext();
    const press = buttonPress('1600000000000000004');
    gateway.interactionCreate(press);
    const callback = await eventually(async () => rest.callbacks().find((call) => call.path.includes(press.id)), 'the callback');
    recorder.recover();
    expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(recorder.received.length - seen).toBe(1);
    expect(rest.callbacks().some((call) => call.path.includes('1600000000000000003'))).toBe(false);
  });

  it('resumes its session when Discord asks it to reconnect, and an interaction sent meanwhile still arrives', async () => {
    const before = gateway.resumes.length;
    gateway.requestReconnect();
    const press = buttonPress('1600000000000000005');
    gateway.interactionCreate(press);
    await gateway.waitFor(() => gateway.resumes.length > before, 'a RESUME');
    await eventually(async () => rest.callbacks().find((call) => call.path.includes(press.id)), 'the callback after resuming');
    expect(gateway.identifies).toHaveLength(1);
    expect(recorder.received.filter((got) => (got as { id: string }).id === press.id)).toHaveLength(1);
  });

  it('resumes after the connection drops, and an interaction sent while it was down arrives once', async () => {
    const before = gateway.resumes.length;
    gateway.dropConnections();
    const press = buttonPress('1600000000000000006');
    gateway.interactionCreate(press);
    await gateway.waitFor(() => gateway.resumes.length > before, 'a RESUME');
    await eventually(async () => rest.callbacks().find((call) => call.path.includes(press.id)), 'the callback after resuming');
    expect(recorder.received.filter((got) => (got as { id: string }).id === press.id)).toHaveLength(1);
    await eventually(async () => transport.ready().then(() => true), 'ready again');
  });

  it('refuses to start with a wrong token, saying which variable to check', async () => {
    await expect(
      startDiscordGateway({ token: 'wrong-token', apiUrl: rest.api, handler: recorder.handler, logger: silentLogger() }),
    ).rejects.toThrow(/check DISCORD_BOT_TOKEN/u);
  });

  it('closes in good order: the gateway sees a 1000 close and the transport is no longer ready', async () => {
    const closes = gateway.closes.length;
    await transport.close();
    await gateway.waitFor(() => gateway.closes.length > closes, 'the close');
    expect(gateway.closes.slice(closes)).toContain(1000);
    await expect(transport.ready()).rejects.toThrow(/not open/u);
  });
});
