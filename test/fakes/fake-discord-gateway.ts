import { eventually } from '../support/eventually.js';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * Discord's gateway (v10, JSON, no compression) on loopback, for the real discord.js `Client`.
 * discord.js finds it through REST `GET /gateway/bot` (answer `gatewayBotAnswer()` there). On
 * connect: op 10 HELLO; op 2 IDENTIFY with the bot token gets op 0 READY (then GUILD_CREATE per
 * guild when the Guilds intent was asked for), a wrong token a 4004 close; op 1 heartbeats get
 * op 11; op 6 RESUME replays what the session missed, then RESUMED. `dispatch()` sends events with
 * a rising `s`; `requestReconnect()` (op 7) and `dropConnections()` test resuming.
 */
export interface FakeDiscordGatewayOptions {
  token: string;
  applicationId?: string;
  botUser?: { id: string; username: string };
  /** Guild ids the bot is in: unavailable in READY, then a GUILD_CREATE each. */
  guilds?: string[];
  heartbeatIntervalMs?: number;
}

interface Payload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

interface Session {
  id: string;
  sequence: number;
  /** Dispatches sent, for a RESUME to replay what the client missed. */
  sent: Payload[];
  socket: WebSocket | undefined;
}

const GUILDS_INTENT = 1;
const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, reconnect: 7, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

export class FakeDiscordGateway {
  readonly identifies: { token: string; intents: number }[] = [];
  readonly resumes: { sessionId: string; seq: number }[] = [];
  /** Close codes of connections that ended (1000: the client closed in good order). */
  readonly closes: number[] = [];
  heartbeats = 0;
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();
  private server: WebSocketServer | undefined;
  private base = '';

  constructor(private readonly options: FakeDiscordGatewayOptions) {}

  get applicationId(): string {
    return this.options.applicationId ?? '1100000000000000001';
  }

  get botUser(): { id: string; username: string } {
    return this.options.botUser ?? { id: '1100000000000000002', username: 'switchboard' };
  }

  async start(): Promise<string> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.server = server;
    this.base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket) => this.accept(socket));
    return this.base;
  }

  /** What REST `GET /gateway/bot` answers: this gateway's URL and a generous session start limit. */
  gatewayBotAnswer(): unknown {
    return {
      url: this.base,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
    };
  }

  /** Sessions with an open connection that have been sent READY or RESUMED. */
  get liveSessions(): number {
    return [...this.sessions.values()].filter((session) => session.socket).length;
  }

  /** An event to every live session, with its next sequence number. */
  dispatch(t: string, d: unknown): void {
    for (const session of this.sessions.values()) this.send(session, t, d);
  }

  interactionCreate(interaction: unknown): void {
    this.dispatch('INTERACTION_CREATE', interaction);
  }

  /** op 7: the client should close and RESUME on `resume_gateway_url`. */
  requestReconnect(): void {
    for (const socket of this.sockets) socket.send(JSON.stringify({ op: OP.reconnect, d: null }));
  }

  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    await eventually(async () => condition(), `fake Discord gateway: ${what}`, timeoutMs);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', (code) => {
      this.sockets.delete(socket);
      this.closes.push(code);
      for (const session of this.sessions.values()) if (session.socket === socket) session.socket = undefined;
    });
    socket.on('message', (data) => this.receive(socket, data.toString()));
    socket.send(JSON.stringify({ op: OP.hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } }));
  }

  private receive(socket: WebSocket, text: string): void {
    let payload: Payload;
    try {
      payload = JSON.parse(text) as Payload;
    } catch {
      socket.close(4002, 'Decode error');
      return;
    }
    if (payload.op === OP.heartbeat) {
      this.heartbeats += 1;
      socket.send(JSON.stringify({ op: OP.heartbeatAck }));
    } else if (payload.op === OP.identify) this.identify(socket, payload.d as { token: string; intents: number });
    else if (payload.op === OP.resume) this.resume(socket, payload.d as { token: string; session_id: string; seq: number });
  }

  private identify(socket: WebSocket, identify: { token: string; intents: number }): void {
    this.identifies.push({ token: identify.token, intents: identify.intents });
    if (identify.token !== this.options.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), sequence: 0, sent: [], socket };
    this.sessions.set(session.id, session);
    const guilds = this.options.guilds ?? [];
    this.send(session, 'READY', {
      v: 10,
      user: { ...this.botUser, discriminator: '0', bot: true, avatar: null, global_name: null },
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.base,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
    });
    if ((identify.intents & GUILDS_INTENT) !== 0) for (const id of guilds) this.send(session, 'GUILD_CREATE', guildOf(id));
  }

  private resume(socket: WebSocket, resume: { token: string; session_id: string; seq: number }): void {
    this.resumes.push({ sessionId: resume.session_id, seq: resume.seq });
    const session = this.sessions.get(resume.session_id);
    if (resume.token !== this.options.token || !session) {
      socket.send(JSON.stringify({ op: OP.invalidSession, d: false }));
      return;
    }
    session.socket = socket;
    for (const missed of session.sent.filter((sent) => (sent.s ?? 0) > resume.seq)) socket.send(JSON.stringify(missed));
    this.send(session, 'RESUMED', null);
  }

  private send(session: Session, t: string, d: unknown): void {
    session.sequence += 1;
    const payload: Payload = { op: OP.dispatch, t, s: session.sequence, d };
    session.sent.push(payload);
    session.socket?.send(JSON.stringify(payload));
  }
}

/** A guild as GUILD_CREATE carries it, with what discord.js reads (no channels, roles or members beyond @everyone). */
const guildOf = (id: string) => ({
  id,
  name: `Guild ${id}`,
  icon: null,
  owner_id: '1100000000000000009',
  unavailable: false,
  member_count: 1,
  large: false,
  joined_at: '2026-01-01T00:00:00.000000+00:00',
  features: [],
  roles: [{ id, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false }],
  emojis: [],
  stickers: [],
  channels: [],
  threads: [],
  members: [],
  voice_states: [],
  presences: [],
  stage_instances: [],
  guild_scheduled_events: [],
  soundboard_sounds: [],
  verification_level: 0,
  default_message_notifications: 0,
  explicit_content_filter: 0,
  mfa_level: 0,
  nsfw_level: 0,
  premium_tier: 0,
  preferred_locale: 'en-US',
  system_channel_flags: 0,
});
