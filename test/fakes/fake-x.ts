import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.js';

/*
 * An X API v2 stand-in on loopback: Bearer user tokens, X's problem documents for errors, the
 * x-rate-limit-* headers on every answer (15-minute windows on the given clock), and a small model
 * of posts, DMs and blocks so that what the client does shows in later reads. It enforces what the
 * access level allows: on pay-per-use a reply only to a post that mentions or quotes the account,
 * and no blocking.
 */

export interface FakeUser {
  id: string;
  name: string;
  username: string;
}

export interface FakeTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  conversation_id: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: 'replied_to' | 'quoted' | 'retweeted'; id: string }[];
  mentions: string[];
  hidden: boolean;
}

export interface FakeDmEvent {
  id: string;
  event_type: 'MessageCreate';
  text: string;
  sender_id: string;
  dm_conversation_id: string;
  created_at: string;
}

export interface RecordedXCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

export type XAccessLevel = 'pay-per-use' | 'enterprise';

interface Scripted {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Hold {
  pattern: RegExp;
  arrived: () => void;
  send?: () => void;
  released: boolean;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const WINDOW_MS = 15 * 60_000;
// Per-user limits per 15 minutes from X's rate-limit page.
const LIMITS: [RegExp, number][] = [
  [/^GET \/2\/users\/\d+\/mentions$/u, 300],
  [/^PUT \/2\/tweets\/\d+\/hidden$/u, 50],
  [/^POST \/2\/dm_conversations/u, 15],
  [/^GET \/2\/dm_conversations/u, 15],
  [/^GET \/2\/users\/\d+\/blocking$/u, 15],
];
const DEFAULT_LIMIT = 100;

export const xProblem = (status: number, title: string, detail: string, type = 'about:blank'): unknown => ({ title, detail, type, status });

const byIdDesc = (a: { id: string }, b: { id: string }): number => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

const readJson = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
};

export class FakeX {
  readonly calls: RecordedXCall[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly tweets = new Map<string, FakeTweet>();
  readonly dmEvents: FakeDmEvent[] = [];
  readonly blocks: { sourceId: string; targetId: string }[] = [];
  accessLevel: XAccessLevel;
  private readonly tokens = new Map<string, string>();
  private readonly scripted: { pattern: RegExp; answer: Scripted }[] = [];
  private readonly holds: Hold[] = [];
  private readonly spent = new Map<string, { windowStart: number; used: number }>();
  private server: LoopbackServer | undefined;
  private sequence = 0n;

  constructor(private readonly options: { account: FakeUser; token: string; accessLevel?: XAccessLevel; now?: () => Date }) {
    this.users.set(options.account.id, options.account);
    this.tokens.set(options.token, options.account.id);
    this.accessLevel = options.accessLevel ?? 'pay-per-use';
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** A new post id, larger than every earlier one (X's ids grow with time). */
  nextId(): string {
    this.sequence += 1n;
    return (1_860_000_000_000_000_000n + this.sequence).toString();
  }

  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  /** A post by someone; `mentions` are user ids (the account's makes it a mention). */
  addTweet(seed: Partial<FakeTweet> & Pick<FakeTweet, 'text' | 'author_id'>): FakeTweet {
    const id = seed.id ?? this.nextId();
    const tweet: FakeTweet = {
      id,
      created_at: this.now().toISOString(),
      conversation_id: id,
      mentions: [],
      hidden: false,
      ...seed,
    };
    this.tweets.set(id, tweet);
    return tweet;
  }

  repliesTo(tweetId: string): FakeTweet[] {
    return [...this.tweets.values()].filter((tweet) =>
      tweet.referenced_tweets?.some((ref) => ref.type === 'replied_to' && ref.id === tweetId),
    );
  }

  dmsWith(participantId: string): FakeDmEvent[] {
    const account = this.options.account.id;
    return this.dmEvents.filter((event) => event.dm_conversation_id === this.conversationWith(account, participantId));
  }

  /** Another account of the same app, with its own user token: the fake acts as whoever the token belongs to. */
  addAccount(user: FakeUser, token: string): FakeUser {
    this.users.set(user.id, user);
    this.tokens.set(token, user.id);
    return user;
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** The next request whose `METHOD path` matches gets this answer and has no effect. */
  failNext(pattern: RegExp, answer: Scripted): void {
    this.scripted.push({ pattern, answer });
  }

  /** The next matching request takes effect; its answer is held until released. */
  holdNext(pattern: RegExp): { arrived: Promise<void>; release: () => void } {
    let arrived = (): void => undefined;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    const hold: Hold = { pattern, arrived: () => arrived(), released: false };
    this.holds.push(hold);
    return {
      arrived: waiting,
      release: () => {
        hold.released = true;
        hold.send?.();
      },
    };
  }

  async start(): Promise<{ url: string }> {
    this.server = await listenOnLoopback((request, response) => this.handle(request, response));
    return { url: `http://127.0.0.1:${this.server.port}` };
  }

  async close(): Promise<void> {
    for (const hold of this.holds) hold.send?.();
    await this.server?.close();
  }

  private conversationWith(a: string, b: string): string {
    return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
  }

  /** Counts the call in its 15-minute window; the headers X sends, and whether the window is spent. */
  private rateLimit(route: string): { headers: Record<string, string>; spent: boolean } {
    const limit = LIMITS.find(([pattern]) => pattern.test(route))?.[1] ?? DEFAULT_LIMIT;
    const key = route.replace(/\d+/gu, ':id');
    const now = this.now().getTime();
    const current = this.spent.get(key);
    const window = current && now < current.windowStart + WINDOW_MS ? current : { windowStart: now, used: 0 };
    window.used += 1;
    this.spent.set(key, window);
    const reset = Math.ceil((window.windowStart + WINDOW_MS) / 1000);
    const remaining = Math.max(0, limit - window.used);
    return {
      headers: { 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': String(reset) },
      spent: window.used > limit,
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    const body = await readJson(request);
    this.calls.push({ method, path: url.pathname, query, body });
    const route = `${method} ${url.pathname}`;
    const send = (answer: Answer) => {
      if (response.destroyed || response.headersSent) return;
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      response.end(JSON.stringify(answer.body));
    };

    const caller = this.tokens.get((request.headers.authorization ?? '').replace(/^Bearer\s+/u, ''));
    if (caller === undefined) return send({ status: 401, body: xProblem(401, 'Unauthorized', 'Unauthorized') });
    const scripted = this.scripted.find((entry) => entry.pattern.test(route));
    if (scripted) {
      this.scripted.splice(this.scripted.indexOf(scripted), 1);
      return send(scripted.answer);
    }
    const limit = this.rateLimit(route);
    if (limit.spent) return send({ status: 429, body: xProblem(429, 'Too Many Requests', 'Too Many Requests'), headers: limit.headers });
    const answer = this.route(method, url.pathname, query, body, caller);
    const withHeaders = { ...answer, headers: { ...limit.headers, ...answer.headers } };
    const hold = this.holds.find((candidate) => candidate.send === undefined && !candidate.released && candidate.pattern.test(route));
    if (!hold) return send(withHeaders);
    hold.send = () => send(withHeaders);
    hold.arrived();
  }

  private route(method: string, path: string, query: Record<string, string>, body: Record<string, unknown>, caller: string): Answer {
    const parts = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/2/users/me') return { status: 200, body: { data: this.users.get(caller) } };
    if (method === 'GET' && parts[1] === 'users' && parts[3] === 'mentions') return this.mentions(parts[2] ?? '', query);
    if (method === 'GET' && parts[1] === 'users' && parts[3] === 'tweets') return this.userTweets(parts[2] ?? '', query);
    if (method === 'GET' && parts[1] === 'users' && parts[3] === 'blocking') return this.blockingList(parts[2] ?? '');
    if (method === 'POST' && parts[1] === 'users' && parts[3] === 'blocking') return this.block(caller, parts[2] ?? '', body);
    if (method === 'POST' && path === '/2/tweets') return this.createTweet(caller, body);
    if (method === 'PUT' && parts[1] === 'tweets' && parts[3] === 'hidden') return this.hide(caller, parts[2] ?? '', body);
    if (parts[1] === 'dm_conversations' && parts[2] === 'with') {
      const participant = parts[3] ?? '';
      if (method === 'POST' && parts[4] === 'messages') return this.sendDm(caller, participant, body);
      if (method === 'GET' && parts[4] === 'dm_events') return { status: 200, body: { data: this.dmsWith(participant).toReversed() } };
    }
    return { status: 404, body: xProblem(404, 'Not Found Error', `no route for ${method} ${path}`) };
  }

  private view(tweet: FakeTweet): Record<string, unknown> {
    const { mentions, hidden: _hidden, ...fields } = tweet;
    const users = mentions.map((id) => this.users.get(id)).filter((user) => user !== undefined);
    return { ...fields, entities: { mentions: users.map((user) => ({ start: 0, end: 0, username: user.username, id: user.id })) } };
  }

  private page(tweets: FakeTweet[], query: Record<string, string>): Answer {
    const size = Math.min(100, Math.max(5, Number(query.max_results ?? 10)));
    const offset = Number(query.pagination_token ?? 0);
    const slice = tweets.slice(offset, offset + size);
    if (slice.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
    const authors = [...new Set(slice.map((tweet) => tweet.author_id))].map((id) => this.users.get(id)).filter(Boolean);
    const next = offset + size < tweets.length ? { next_token: String(offset + size) } : {};
    return {
      status: 200,
      body: {
        data: slice.map((tweet) => this.view(tweet)),
        includes: { users: authors },
        meta: { newest_id: slice[0]?.id, oldest_id: slice.at(-1)?.id, result_count: slice.length, ...next },
      },
    };
  }

  private mentions(userId: string, query: Record<string, string>): Answer {
    const since = query.since_id === undefined ? -1n : BigInt(query.since_id);
    const found = [...this.tweets.values()].filter((tweet) => tweet.mentions.includes(userId) && BigInt(tweet.id) > since).sort(byIdDesc);
    return this.page(found, query);
  }

  private userTweets(userId: string, query: Record<string, string>): Answer {
    const start = query.start_time === undefined ? 0 : Date.parse(query.start_time);
    const found = [...this.tweets.values()]
      .filter((tweet) => tweet.author_id === userId && Date.parse(tweet.created_at) >= start)
      .sort(byIdDesc);
    return this.page(found, query);
  }

  private summoned(target: FakeTweet, account: string): boolean {
    if (target.mentions.includes(account)) return true;
    return target.referenced_tweets?.some((ref) => ref.type === 'quoted' && this.tweets.get(ref.id)?.author_id === account) ?? false;
  }

  private createTweet(caller: string, body: Record<string, unknown>): Answer {
    const text = typeof body.text === 'string' ? body.text : '';
    const replyTo = (body.reply as { in_reply_to_tweet_id?: string } | undefined)?.in_reply_to_tweet_id;
    const target = replyTo === undefined ? undefined : this.tweets.get(replyTo);
    if (replyTo !== undefined && target === undefined) {
      return { status: 400, body: xProblem(400, 'Invalid Request', 'One or more parameters to your request was invalid.') };
    }
    if (target && this.accessLevel === 'pay-per-use' && !this.summoned(target, caller)) {
      return {
        status: 403,
        body: xProblem(
          403,
          'Forbidden',
          'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
        ),
      };
    }
    const tweet = this.addTweet({
      text,
      author_id: caller,
      ...(target
        ? {
            conversation_id: target.conversation_id,
            in_reply_to_user_id: target.author_id,
            referenced_tweets: [{ type: 'replied_to', id: target.id }],
          }
        : {}),
    });
    return { status: 201, body: { data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } } };
  }

  private hide(caller: string, tweetId: string, body: Record<string, unknown>): Answer {
    const tweet = this.tweets.get(tweetId);
    if (tweet === undefined) return { status: 404, body: xProblem(404, 'Not Found Error', `Could not find tweet with id: [${tweetId}].`) };
    if (this.tweets.get(tweet.conversation_id)?.author_id !== caller || tweet.conversation_id === tweet.id) {
      return { status: 403, body: xProblem(403, 'Forbidden', 'You can only hide or unhide replies to conversations you authored.') };
    }
    tweet.hidden = body.hidden === true;
    return { status: 200, body: { data: { hidden: tweet.hidden } } };
  }

  private sendDm(caller: string, participant: string, body: Record<string, unknown>): Answer {
    const event: FakeDmEvent = {
      id: this.nextId(),
      event_type: 'MessageCreate',
      text: typeof body.text === 'string' ? body.text : '',
      sender_id: caller,
      dm_conversation_id: this.conversationWith(caller, participant),
      created_at: this.now().toISOString(),
    };
    this.dmEvents.push(event);
    return { status: 201, body: { data: { dm_conversation_id: event.dm_conversation_id, dm_event_id: event.id } } };
  }

  private block(caller: string, userId: string, body: Record<string, unknown>): Answer {
    if (this.accessLevel !== 'enterprise') {
      return {
        status: 403,
        body: xProblem(
          403,
          'Client Forbidden',
          'This endpoint is only available to Enterprise access.',
          'https://api.x.com/2/problems/client-forbidden',
        ),
      };
    }
    if (userId !== caller) return { status: 403, body: xProblem(403, 'Forbidden', 'You are not permitted to act for this user.') };
    const target = String(body.target_user_id ?? '');
    if (!this.blocks.some((block) => block.sourceId === caller && block.targetId === target))
      this.blocks.push({ sourceId: caller, targetId: target });
    return { status: 200, body: { data: { blocking: true } } };
  }

  private blockingList(userId: string): Answer {
    const data = this.blocks
      .filter((block) => block.sourceId === userId)
      .map((block) => this.users.get(block.targetId) ?? { id: block.targetId });
    return { status: 200, body: data.length > 0 ? { data, meta: { result_count: data.length } } : { meta: { result_count: 0 } } };
  }
}
