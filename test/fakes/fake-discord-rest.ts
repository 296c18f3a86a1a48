import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.js';
import { type MessageBody, messageProblem } from './fake-discord-limits.js';

/**
 * A Discord REST API (v10) on loopback, for the real @discordjs/rest client (and discord.js):
 * `new REST({ api: fake.apiUrl, version: '10' })`. Bot-token auth, snowflake ids, channel messages
 * with threads on them, DM channels, interaction callbacks and webhook follow-ups, application
 * commands, Discord's message limits (400, code 50035) and 429s with Discord's headers on demand.
 */
export const FAKE_BOT_TOKEN = 'fake-discord-bot-token';
export const FAKE_BOT_ID = '1200000000000000001';

export interface FakeDiscordMessage extends MessageBody {
  id: string;
  channel_id: string;
  timestamp: string;
  author: { id: string; username: string; bot: boolean };
  flags: number;
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  /** The order in which the fake saw it, shared with every other record. */
  seq: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
  seq: number;
}

export interface InteractionRecord {
  /** The interaction's token. */
  token: string;
  body: Record<string, unknown>;
  seq: number;
}

export interface FakeDiscordOptions {
  guildId: string;
  /** Text channels of the guild; others are Unknown Channel (10003). */
  channels: string[];
  /** Answer for GET /gateway/bot, for the gateway transport. */
  gatewayUrl?: string;
}

interface Route {
  method: string;
  pattern: RegExp;
  handle: (match: string[], body: Record<string, unknown>, url: URL) => { status: number; body?: unknown };
}

class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new DiscordError(400, 50109, 'The request body contains invalid JSON.');
  }
};

export class FakeDiscordRest {
  readonly requests: RecordedRequest[] = [];
  readonly callbacks: (InteractionRecord & { interactionId: string })[] = [];
  readonly followUps: InteractionRecord[] = [];
  readonly originalEdits: InteractionRecord[] = [];
  readonly commands = new Map<string, Record<string, unknown>[]>();
  private readonly messages = new Map<string, FakeDiscordMessage[]>();
  private readonly threads = new Map<string, string>();
  private readonly dms = new Map<string, string>();
  private readonly limited: { remaining: number; retryAfterMs: number; global: boolean; path?: RegExp }[] = [];
  private sequence = 0;
  private nextId = 1_300_000_000_000_000_000n;
  private server: LoopbackServer | undefined;
  private baseUrl = '';
  private readonly routes: Route[];

  constructor(private readonly options: FakeDiscordOptions) {
    for (const channel of options.channels) this.messages.set(channel, []);
    this.routes = this.buildRoutes();
  }

  /** The `api` option for @discordjs/rest and DISCORD_API_URL (without the version). */
  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }

  async start(): Promise<{ apiUrl: string }> {
    this.server = await listenOnLoopback((req, res) => this.serve(req, res));
    this.baseUrl = `http://127.0.0.1:${this.server.port}`;
    return { apiUrl: this.apiUrl };
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  /** The next `count` requests (to paths matching `path`, if given) are answered 429 with Discord's headers. */
  rateLimit(count: number, options: { retryAfterMs?: number; global?: boolean; path?: RegExp } = {}): void {
    this.limited.push({
      remaining: count,
      retryAfterMs: options.retryAfterMs ?? 200,
      global: options.global ?? false,
      ...(options.path ? { path: options.path } : {}),
    });
  }

  /** A shared clock for records the tests make themselves (answers the app gave over HTTP), so all can be put in order. */
  tick(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /** Top-level messages of a channel (or a thread, by its id, or a DM channel), oldest first. */
  messagesIn(channel: string): FakeDiscordMessage[] {
    return this.messages.get(channel) ?? [];
  }

  dmChannelWith(userId: string): string | undefined {
    return this.dms.get(userId);
  }

  /** The answer the gateway transport posted for this interaction, if any. */
  callbackFor(interactionId: string): Record<string, unknown> | undefined {
    return this.callbacks.find((callback) => callback.interactionId === interactionId)?.body;
  }

  private snowflake(): string {
    this.nextId += 1n + BigInt(Math.floor(Math.random() * 1000));
    return String(this.nextId);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/u, '');
    const method = req.method ?? 'GET';
    let status = 500;
    let body: Record<string, unknown> = {};
    try {
      body = await readBody(req);
      if (this.answerRateLimited(path, res)) return void this.record(method, path, body, 429);
      const route = this.routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
      if (!route) throw new DiscordError(404, 0, '404: Not Found');
      if (!/^\/(interactions|webhooks)\//u.test(path) && req.headers.authorization !== `Bot ${FAKE_BOT_TOKEN}`) {
        throw new DiscordError(401, 0, '401: Unauthorized');
      }
      const answer = route.handle(route.pattern.exec(path)?.slice(1) ?? [], body, url);
      status = answer.status;
      this.send(res, status, answer.body);
    } catch (error) {
      const failure = error instanceof DiscordError ? error : new DiscordError(500, 0, String(error));
      status = failure.status;
      this.send(res, status, { message: failure.message, code: failure.code });
    }
    this.record(method, path, body, status);
  }

  private record(method: string, path: string, body: unknown, status: number): void {
    this.requests.push({ method, path, body, status, seq: this.tick() });
  }

  // A 204 carries no content type: @discordjs/rest would otherwise try to parse an empty JSON body.
  private send(res: ServerResponse, status: number, body: unknown): void {
    if (status === 204 || body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private answerRateLimited(path: string, res: ServerResponse): boolean {
    const limit = this.limited.find((candidate) => candidate.remaining > 0 && (!candidate.path || candidate.path.test(path)));
    if (!limit) return false;
    limit.remaining -= 1;
    const seconds = limit.retryAfterMs / 1000;
    res
      .writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(Math.ceil(seconds)),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Date.now() / 1000 + seconds),
        'x-ratelimit-reset-after': String(seconds),
        'x-ratelimit-bucket': 'fake-bucket',
        'x-ratelimit-scope': limit.global ? 'global' : 'user',
        ...(limit.global ? { 'x-ratelimit-global': 'true' } : {}),
      })
      .end(JSON.stringify({ message: 'You are being rate limited.', retry_after: seconds, global: limit.global }));
    return true;
  }

  private channelExists(channel: string): boolean {
    return this.messages.has(channel);
  }

  private createMessage(channel: string, body: Record<string, unknown>, flags = 0): FakeDiscordMessage {
    const problem = messageProblem(body as MessageBody);
    if (problem) throw new DiscordError(400, 50035, `Invalid Form Body (${problem})`);
    const message: FakeDiscordMessage = {
      ...(body as MessageBody),
      id: this.snowflake(),
      channel_id: channel,
      timestamp: new Date().toISOString(),
      author: { id: FAKE_BOT_ID, username: 'Switchboard', bot: true },
      flags,
      seq: this.tick(),
      ...(body.allowed_mentions ? { allowed_mentions: body.allowed_mentions as FakeDiscordMessage['allowed_mentions'] } : {}),
    };
    this.messages.get(channel)?.push(message);
    return message;
  }

  private findMessage(channel: string, id: string): FakeDiscordMessage {
    if (!this.channelExists(channel)) throw new DiscordError(404, 10003, 'Unknown Channel');
    const message = this.messagesIn(channel).find((candidate) => candidate.id === id);
    if (!message) throw new DiscordError(404, 10008, 'Unknown Message');
    return message;
  }

  private channelAnswer(id: string) {
    if (this.threads.has(id)) return { id, type: 11, guild_id: this.options.guildId, parent_id: this.threads.get(id) };
    if (this.options.channels.includes(id)) return { id, type: 0, guild_id: this.options.guildId, name: `channel-${id}` };
    throw new DiscordError(404, 10003, 'Unknown Channel');
  }

  private buildRoutes(): Route[] {
    const id = '(\\d+)';
    return [...this.discoveryRoutes(id), ...this.channelRoutes(id), ...this.interactionRoutes(id), ...this.commandRoutes(id)];
  }

  /** Who the bot is, where it is, what it can see. */
  private discoveryRoutes(id: string): Route[] {
    return [
      {
        method: 'GET',
        pattern: /^\/gateway\/bot$/u,
        handle: () => ({
          status: 200,
          body: {
            url: this.options.gatewayUrl ?? 'ws://127.0.0.1:1',
            shards: 1,
            session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
          },
        }),
      },
      {
        method: 'GET',
        pattern: /^\/users\/@me$/u,
        handle: () => ({ status: 200, body: { id: FAKE_BOT_ID, username: 'Switchboard', discriminator: '0', bot: true } }),
      },
      {
        method: 'GET',
        pattern: /^\/users\/@me\/guilds$/u,
        handle: () => ({ status: 200, body: [{ id: this.options.guildId, name: 'Fake guild' }] }),
      },
      {
        method: 'GET',
        pattern: new RegExp(`^/channels/${id}$`, 'u'),
        handle: ([channel]) => ({ status: 200, body: this.channelAnswer(channel!) }),
      },
      {
        method: 'GET',
        pattern: new RegExp(`^/channels/${id}/messages$`, 'u'),
        handle: ([channel], _body, url) => {
          if (!this.channelExists(channel!)) throw new DiscordError(404, 10003, 'Unknown Channel');
          const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 50));
          return { status: 200, body: [...this.messagesIn(channel!)].reverse().slice(0, limit) };
        },
      },
    ];
  }

  /** Messages, their edits, threads on them, and DM channels. */
  private channelRoutes(id: string): Route[] {
    return [
      {
        method: 'POST',
        pattern: new RegExp(`^/channels/${id}/messages$`, 'u'),
        handle: ([channel], body) => {
          if (!this.channelExists(channel!)) throw new DiscordError(404, 10003, 'Unknown Channel');
          return { status: 200, body: this.createMessage(channel!, body) };
        },
      },
      {
        method: 'PATCH',
        pattern: new RegExp(`^/channels/${id}/messages/${id}$`, 'u'),
        handle: ([channel, messageId], body) => {
          const message = this.findMessage(channel!, messageId!);
          const problem = messageProblem({ ...message, ...(body as MessageBody) });
          if (problem) throw new DiscordError(400, 50035, `Invalid Form Body (${problem})`);
          Object.assign(message, body);
          return { status: 200, body: message };
        },
      },
      {
        method: 'POST',
        pattern: new RegExp(`^/channels/${id}/messages/${id}/threads$`, 'u'),
        handle: ([channel, messageId], body) => {
          this.findMessage(channel!, messageId!);
          if (this.threads.has(messageId!)) throw new DiscordError(400, 160004, 'A thread has already been created for this message');
          this.threads.set(messageId!, channel!);
          this.messages.set(messageId!, []);
          return { status: 201, body: { id: messageId, type: 11, parent_id: channel, name: body.name } };
        },
      },
      {
        method: 'POST',
        pattern: /^\/users\/@me\/channels$/u,
        handle: (_match, body) => {
          const recipient = String(body.recipient_id ?? '');
          if (!/^\d+$/u.test(recipient)) throw new DiscordError(400, 50035, 'Invalid Form Body (recipient_id)');
          if (!this.dms.has(recipient)) {
            const channel = this.snowflake();
            this.dms.set(recipient, channel);
            this.messages.set(channel, []);
          }
          return { status: 200, body: { id: this.dms.get(recipient), type: 1, recipients: [{ id: recipient }] } };
        },
      },
    ];
  }

  /** Interaction callbacks (the gateway transport's answers) and the interaction webhooks (follow-ups, edits of the answer). */
  private interactionRoutes(id: string): Route[] {
    const interactionRecord = (token: string, body: Record<string, unknown>): InteractionRecord => ({ token, body, seq: this.tick() });
    return [
      {
        method: 'POST',
        pattern: new RegExp(`^/interactions/${id}/([^/]+)/callback$`, 'u'),
        handle: ([interactionId, token], body) => {
          this.callbacks.push({ ...interactionRecord(token!, body), interactionId: interactionId! });
          return { status: 204 };
        },
      },
      {
        method: 'POST',
        pattern: new RegExp(`^/webhooks/${id}/([^/]+)$`, 'u'),
        handle: ([, token], body) => {
          const problem = messageProblem(body as MessageBody);
          if (problem) throw new DiscordError(400, 50035, `Invalid Form Body (${problem})`);
          this.followUps.push(interactionRecord(token!, body));
          return { status: 200, body: { id: this.snowflake(), channel_id: '0', timestamp: new Date().toISOString(), ...body } };
        },
      },
      {
        method: 'PATCH',
        pattern: new RegExp(`^/webhooks/${id}/([^/]+)/messages/@original$`, 'u'),
        handle: ([, token], body) => {
          const problem = messageProblem(body as MessageBody);
          if (problem) throw new DiscordError(400, 50035, `Invalid Form Body (${problem})`);
          this.originalEdits.push(interactionRecord(token!, body));
          return { status: 200, body: { id: this.snowflake(), channel_id: '0', timestamp: new Date().toISOString(), ...body } };
        },
      },
    ];
  }

  private commandRoutes(id: string): Route[] {
    const scope = (guild: string | undefined) => guild ?? 'global';
    const put = (guild: string | undefined, body: unknown) => {
      if (!Array.isArray(body)) throw new DiscordError(400, 50035, 'Invalid Form Body (expected an array of commands)');
      const saved = (body as Record<string, unknown>[]).map((command) => ({
        ...command,
        id: this.snowflake(),
        application_id: FAKE_BOT_ID,
      }));
      this.commands.set(scope(guild), saved);
      return { status: 200, body: saved };
    };
    return [
      { method: 'PUT', pattern: new RegExp(`^/applications/${id}/commands$`, 'u'), handle: (_m, body) => put(undefined, body) },
      {
        method: 'PUT',
        pattern: new RegExp(`^/applications/${id}/guilds/${id}/commands$`, 'u'),
        handle: ([, guild], body) => put(guild, body),
      },
      {
        method: 'GET',
        pattern: new RegExp(`^/applications/${id}/commands$`, 'u'),
        handle: () => ({ status: 200, body: this.commands.get('global') ?? [] }),
      },
      {
        method: 'GET',
        pattern: new RegExp(`^/applications/${id}/guilds/${id}/commands$`, 'u'),
        handle: ([, guild]) => ({ status: 200, body: this.commands.get(scope(guild)) ?? [] }),
      },
    ];
  }
}
