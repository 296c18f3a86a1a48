import { eventually } from '../support/eventually.js';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeSlack } from './fake-slack.js';
import { SlackApiError } from './fake-slack-methods.js';

/**
 * Slack's Socket Mode on loopback, for Bolt's real SocketModeReceiver: the fake Web API answers
 * `apps.connections.open` (app-level token only) with a one-time `ws://127.0.0.1:…/link/?ticket=…`;
 * a client that connects gets `hello`, then envelopes `{envelope_id, type, payload,
 * accepts_response_payload}`, each answered by an ack `{envelope_id, payload}`. Slack's
 * `disconnect` message and a server-side close test reconnection.
 */
export const APP_TOKEN = 'xapp-1-A0FAKEAPP-1-fakeapptoken';

export type EnvelopeType = 'interactive' | 'slash_commands' | 'events_api';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

const ACK_TIMEOUT_MS = 10_000;

export class FakeSlackSocket {
  /** Every apps.connections.open answered with a URL (reconnections ask again). */
  readonly opened: string[] = [];
  /** Close codes of connections that ended, in order (1000: the client closed it in good order). */
  readonly closes: number[] = [];
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly waiting = new Map<string, { acked: (ack: SocketAck) => void; closed: () => void }>();
  private server: WebSocketServer | undefined;
  private port = 0;
  private sequence = 0;

  constructor(private readonly appToken = APP_TOKEN) {}

  /** Listens on loopback and teaches the fake Web API `apps.connections.open`. */
  async start(slack: FakeSlack): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (socket, request) => this.accept(socket, request));
    slack.answerAppLevel('apps.connections.open', (token) => this.open(token));
  }

  /** Sockets open now (a client between a disconnect and its reconnection has none). */
  get connections(): number {
    return this.sockets.size;
  }

  /** Delivers one envelope on the newest connection (waiting for one) and resolves with the app's ack. */
  async deliver(type: EnvelopeType, payload: unknown, options: { acceptsResponsePayload?: boolean } = {}): Promise<SocketAck> {
    const socket = await this.newestSocket();
    const envelopeId = `envelope-${(this.sequence += 1)}-${randomBytes(4).toString('hex')}`;
    const acked = new Promise<SocketAck>((resolve, reject) => {
      const fail = (why: string) => {
        this.waiting.delete(envelopeId);
        reject(new Error(`fake Slack socket: no ack for ${type} envelope ${envelopeId}: ${why}`));
      };
      const timer = setTimeout(() => fail(`none within ${ACK_TIMEOUT_MS} ms`), ACK_TIMEOUT_MS);
      this.waiting.set(envelopeId, {
        acked: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
        closed: () => {
          clearTimeout(timer);
          fail('the fake closed');
        },
      });
    });
    const acceptsResponsePayload = options.acceptsResponsePayload ?? type !== 'events_api';
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: acceptsResponsePayload }));
    return acked;
  }

  /** Slack's warning that it is about to recycle the connection: the client closes it and opens a new one. */
  sendDisconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack-socket' } });
    for (const socket of this.sockets) socket.send(message);
  }

  /** Drops every connection from the server's side, without a word. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Polls until `count` connections are open. */
  async waitForConnections(count = 1, timeoutMs = 20_000): Promise<void> {
    await eventually(async () => this.sockets.size >= count, `fake Slack socket: ${count} connection(s) open`, timeoutMs);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.terminate();
    for (const waiting of [...this.waiting.values()]) waiting.closed();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private open(token: string | undefined): { url: string } {
    if (!token) throw new SlackApiError('not_authed');
    if (token !== this.appToken) throw new SlackApiError('invalid_auth');
    const ticket = randomBytes(8).toString('hex');
    this.tickets.add(ticket);
    const url = `ws://127.0.0.1:${this.port}/link/?ticket=${ticket}&app_id=A0FAKEAPP`;
    this.opened.push(url);
    return { url };
  }

  /** A ticket is good for one connection, as Slack's are. */
  private accept(socket: WebSocket, request: IncomingMessage): void {
    const ticket = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      socket.close(1008, 'invalid ticket');
      return;
    }
    this.sockets.add(socket);
    socket.on('close', (code) => {
      this.sockets.delete(socket);
      this.closes.push(code);
    });
    socket.on('message', (data) => this.receive(data.toString()));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        connection_info: { app_id: 'A0FAKEAPP' },
        debug_info: { host: 'fake-slack-socket', build_number: 1, approximate_connection_time: 18060 },
      }),
    );
  }

  private receive(text: string): void {
    let ack: SocketAck;
    try {
      ack = JSON.parse(text) as SocketAck;
    } catch {
      return;
    }
    this.waiting.get(ack.envelope_id)?.acked(ack);
    this.waiting.delete(ack.envelope_id);
  }

  private async newestSocket(): Promise<WebSocket> {
    await this.waitForConnections(1);
    const socket = [...this.sockets].at(-1);
    if (!socket) throw new Error('fake Slack socket: no connection');
    return socket;
  }
}
