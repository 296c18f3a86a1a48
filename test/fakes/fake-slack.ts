import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FakeWorkspace,
  SlackApiError,
  type SlackAnswer,
  type SlackEphemeral,
  type SlackMessage,
  type SlackUser,
  type WorkspaceIdentity,
} from './fake-slack-methods.js';

export type { SlackEphemeral, SlackMessage, SlackUser } from './fake-slack-methods.js';

/**
 * A Slack Web API on loopback, for the real `@slack/web-api` WebClient (and Bolt) to talk to:
 * `new WebClient(token, { slackApiUrl: (await fake.start()).url, retryConfig: { retries: 0 } })`.
 * It speaks the wire protocol — form-encoded or JSON POSTs to /api/<method>, Bearer tokens,
 * HTTP 200 with {ok:false,error} for refusals, 429 with Retry-After for rate limits — and it
 * applies Slack's Block Kit limits, so a card Slack would refuse is refused here too.
 */
export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
  token: string | undefined;
  at: Date;
  /** As sent: the WebClient form-encodes, other clients may send JSON. */
  contentType: string | undefined;
  status: number;
  /** Slack's error code when the answer was `ok: false`. */
  error?: string;
}

export interface ScriptedFailure {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeSlackOptions {
  /** Tokens that authenticate; anything else is `invalid_auth`. */
  tokens?: string[];
  /** Channels that exist (DMs opened through conversations.open always do); any channel when omitted. */
  channels?: string[];
  users?: SlackUser[];
  identity?: Partial<WorkspaceIdentity>;
  now?: () => number;
  /** users.info answers for anyone not in `users` as a full member (tests that press as many people); off by default. */
  unlistedUsersAreMembers?: boolean;
}

/** Fields the WebClient flattens to JSON strings in form bodies, and Slack's error when one is not JSON. */
const JSON_FIELDS: Record<string, string> = {
  blocks: 'invalid_blocks_format',
  attachments: 'invalid_attachments',
  metadata: 'invalid_metadata_format',
  view: 'invalid_arguments',
};

export const DEFAULT_TOKEN = 'xoxb-fake-token';
const RESPONSE_KEY = 'response_url';

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const decodeBody = (raw: string, contentType: string | undefined): Record<string, unknown> => {
  if (contentType?.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = raw ? JSON.parse(raw) : {};
    } catch {
      throw new SlackApiError('invalid_json');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SlackApiError('invalid_json');
    return parsed as Record<string, unknown>;
  }
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const [field, error] of Object.entries(JSON_FIELDS)) {
    const value = body[field];
    if (typeof value !== 'string') continue;
    try {
      body[field] = JSON.parse(value);
    } catch {
      throw new SlackApiError(error);
    }
  }
  return body;
};

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8', ...headers });
  res.end(text);
};

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly workspace: FakeWorkspace;
  private readonly tokens: Set<string>;
  private readonly failures = new Map<string, ScriptedFailure[]>();
  private readonly responseBodies = new Map<string, unknown[]>();
  private readonly answerHolds = new Map<string, Promise<void>[]>();
  private readonly callHolds = new Map<string, Promise<void>[]>();
  private readonly lostAnswers = new Map<string, ((body: Record<string, unknown>) => boolean)[]>();
  /** Methods called with an app-level token (`xapp-…`), which they check themselves. */
  private readonly appLevelMethods = new Map<string, (token: string | undefined) => SlackAnswer>();
  private server: Server | undefined;
  private base = '';

  constructor(options: FakeSlackOptions = {}) {
    this.tokens = new Set(options.tokens ?? [DEFAULT_TOKEN]);
    const identity: WorkspaceIdentity = {
      teamId: 'T0FAKE001',
      teamDomain: 'fake-team',
      botUserId: 'U0FAKEBOT',
      botId: 'B0FAKEBOT',
      appId: 'A0FAKEAPP',
      ...options.identity,
    };
    this.workspace = new FakeWorkspace(identity, options.now ?? Date.now, options.channels);
    for (const user of options.users ?? []) this.workspace.users.set(user.id, user);
    this.workspace.unlistedUsersAreMembers = options.unlistedUsersAreMembers ?? false;
  }

  get identity(): WorkspaceIdentity {
    return this.workspace.identity;
  }

  async start(): Promise<{ url: string; baseUrl: string }> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: 'fatal_error', detail: String(error) }));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url: `${this.base}/api/`, baseUrl: this.base };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answers the next call(s) to `method` (or to `'response_url'`) this way instead of doing it. */
  failNext(method: string, failure: ScriptedFailure = {}, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.failures.set(method, queue);
  }

  /**
   * Does the next call to `method` at once but holds back its answer until the returned function
   * is called: the message is visible in Slack while the caller still waits for its ts.
   */
  holdNextAnswer(method: string): () => void {
    return this.hold(this.answerHolds, method);
  }

  /** Does the next call to `method` (that `matches`), then answers 500 as if the answer were lost on the way back. */
  loseNextAnswer(method: string, matches: (body: Record<string, unknown>) => boolean = () => true): void {
    this.lostAnswers.set(method, [...(this.lostAnswers.get(method) ?? []), matches]);
  }

  /** Holds the next call to `method` before doing it: nothing is visible in Slack until released. */
  holdNextCall(method: string): () => void {
    return this.hold(this.callHolds, method);
  }

  private hold(holds: Map<string, Promise<void>[]>, method: string): () => void {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    holds.set(method, [...(holds.get(method) ?? []), held]);
    return release;
  }

  /** Serves `method` for callers with an app-level token (Socket Mode's apps.connections.open); the handler checks it. */
  answerAppLevel(method: string, handler: (token: string | undefined) => SlackAnswer): void {
    this.appLevelMethods.set(method, handler);
  }

  rateLimitNext(method: string, retryAfterSeconds = 1, times = 1): void {
    this.failNext(method, { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } }, times);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Every message in the channel, thread replies included, oldest first. */
  messagesIn(channel: string): SlackMessage[] {
    return [...(this.workspace.messages.get(channel) ?? [])];
  }

  ephemeralsFor(user?: string): SlackEphemeral[] {
    return this.workspace.ephemerals.filter((e) => user === undefined || e.user === user);
  }

  /** A message someone else wrote (a person replying in a card's thread), for history and replies. */
  seedMessage(channel: string, message: { user: string; text: string; thread_ts?: string }): SlackMessage {
    const stored: SlackMessage = { type: 'message', ts: this.workspace.nextTs(), team: this.identity.teamId, ...message };
    this.workspace.channel(channel).push(stored);
    return stored;
  }

  addUserGroup(id: string, handle: string, users: string[]): void {
    this.workspace.userGroups.set(id, { handle, users });
  }

  addUser(user: SlackUser): void {
    this.workspace.users.set(user.id, user);
  }

  responseUrl(id: string): string {
    if (!this.base) throw new Error('fake Slack: call start() before responseUrl()');
    return `${this.base}/response/${encodeURIComponent(id)}`;
  }

  responses(id: string): unknown[] {
    return [...(this.responseBodies.get(id) ?? [])];
  }

  /** Polls until `predicate` returns something truthy, and resolves with it. */
  async waitFor<T>(predicate: (slack: this) => T | undefined | null | false, timeoutMs = 2000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate(this);
      if (value) return value;
      if (Date.now() >= deadline) {
        const seen = [...new Set(this.calls.map((c) => c.method))].map((m) => `${m} ×${this.callsTo(m).length}`);
        throw new Error(`fake Slack: ${what} not met within ${timeoutMs} ms; calls so far: ${seen.join(', ') || 'none'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private takeFailure(key: string): ScriptedFailure | undefined {
    return this.failures.get(key)?.shift();
  }

  private answerFailure(res: ServerResponse, failure: ScriptedFailure): { status: number; error: string } {
    const status = failure.status ?? 200;
    const body = failure.body ?? { ok: false, error: status === 429 ? 'ratelimited' : 'internal_error' };
    const headers = status === 429 && !failure.headers ? { 'Retry-After': '1' } : failure.headers;
    send(res, status, body, headers);
    const error = (body as { error?: unknown }).error;
    return { status, error: typeof error === 'string' ? error : `http_${status}` };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const raw = await readBody(req);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) return this.handleResponse(url, raw, res);
    const method = url.pathname.startsWith('/api/') ? url.pathname.slice('/api/'.length) : undefined;
    if (!method) return send(res, 404, 'not found');
    const authorization = req.headers.authorization;
    const contentType = req.headers['content-type'];
    const call: RecordedCall = { method, body: {}, token: undefined, at: new Date(), contentType, status: 200 };
    this.calls.push(call);
    try {
      call.body = { ...Object.fromEntries(url.searchParams), ...decodeBody(raw, contentType) };
      const bodyToken = typeof call.body.token === 'string' ? call.body.token : undefined;
      call.token = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : bodyToken;
      const failure = this.takeFailure(method);
      if (failure) {
        Object.assign(call, this.answerFailure(res, failure));
        return;
      }
      const callHeld = this.callHolds.get(method)?.shift();
      if (callHeld) await callHeld;
      const answer = { ok: true, ...this.dispatch(method, call.token, call.body) };
      const answerHeld = this.answerHolds.get(method)?.shift();
      if (answerHeld) await answerHeld;
      const losing = this.lostAnswers.get(method) ?? [];
      const lose = losing.findIndex((matches) => matches(call.body));
      if (lose >= 0) {
        losing.splice(lose, 1);
        Object.assign(call, this.answerFailure(res, { status: 500 }));
        return;
      }
      send(res, 200, answer);
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      call.error = error.error;
      const metadata = error.messages.length > 0 ? { response_metadata: { messages: error.messages } } : {};
      send(res, 200, { ok: false, error: error.error, ...metadata });
    }
  }

  private dispatch(method: string, token: string | undefined, body: Record<string, unknown>): SlackAnswer {
    const appLevel = this.appLevelMethods.get(method);
    if (appLevel) return appLevel(token);
    if (!token) throw new SlackApiError('not_authed');
    if (!this.tokens.has(token)) throw new SlackApiError('invalid_auth');
    const handler = this.workspace.methods[method];
    if (!handler) throw new SlackApiError('unknown_method');
    return handler(body);
  }

  private handleResponse(url: URL, raw: string, res: ServerResponse): void {
    const id = decodeURIComponent(url.pathname.slice('/response/'.length));
    const failure = this.takeFailure(RESPONSE_KEY);
    if (failure) {
      this.answerFailure(res, failure);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, 'invalid_payload');
    }
    this.responseBodies.set(id, [...(this.responseBodies.get(id) ?? []), body]);
    send(res, 200, 'ok');
  }
}

export const createFakeSlack = (options?: FakeSlackOptions): FakeSlack => new FakeSlack(options);
