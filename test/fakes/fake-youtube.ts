import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.js';

/*
 * The YouTube Data API v3 (commentThreads.list, comments.list/insert/setModerationStatus,
 * channels.list) and Google's OAuth token endpoint on loopback, speaking their wire format: bearer
 * tokens, the Data API's error envelope branching on `errors[0].reason`, page tokens, a quota charged
 * per call at the per-part costs, and `quotaExceeded` once the day's units are spent. Its clock is the
 * test's; `resetQuota()` is midnight Pacific.
 */

export type FakeModerationStatus = 'published' | 'heldForReview' | 'likelySpam' | 'rejected';

export interface FakeYouTubeComment {
  id: string;
  videoId: string;
  parentId?: string;
  authorChannelId: string;
  authorDisplayName: string;
  text: string;
  publishedAt: Date;
  updatedAt: Date;
  moderationStatus: FakeModerationStatus;
}

export interface FakeYouTubeCall {
  method: string;
  /** Path after /youtube/v3, e.g. `/commentThreads`; `/token` for the OAuth endpoint. */
  path: string;
  params: Record<string, string>;
  body: unknown;
  units: number;
}

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
interface Hold {
  pattern: RegExp;
  arrived: () => void;
  send?: () => void;
  released: boolean;
}

/** Units per call as the newest per-method pages count them (1 per call, 2 per returned part; writes 50). */
const COSTS: Record<string, (params: Record<string, string>) => number> = {
  'GET /commentThreads': (params) => 1 + 2 * partsOf(params).filter((part) => part !== 'id').length,
  'GET /comments': (params) => 1 + 2 * partsOf(params).filter((part) => part !== 'id').length,
  'POST /comments': () => 52,
  'POST /comments/setModerationStatus': () => 50,
  'GET /channels': () => 1,
};

const partsOf = (params: Record<string, string>): string[] => (params.part ?? '').split(',').filter(Boolean);

/** The Data API's error envelope. */
export const youtubeErrorBody = (code: number, reason: string, message: string, domain = 'youtube.comment'): unknown => ({
  error: { code, message, errors: [{ message, domain, reason }] },
});

const failed = (code: number, reason: string, message: string, domain?: string): Answer => ({
  status: code,
  body: youtubeErrorBody(code, reason, message, domain),
});

const QUOTA_MESSAGE =
  'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';
const INCLUDED_REPLIES = 5;

const pageOf = <T>(items: T[], params: Record<string, string>) => {
  const size = Math.min(100, Math.max(1, Number(params.maxResults ?? '20')));
  const offset = params.pageToken ? Number(Buffer.from(params.pageToken, 'base64url').toString('utf8').replace(/^o/u, '')) : 0;
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`o${offset + size}`).toString('base64url') : undefined;
  return { slice, next, total: items.length, size };
};

const newestFirst = (a: FakeYouTubeComment, b: FakeYouTubeComment) =>
  b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : -1);
const oldestFirst = (a: FakeYouTubeComment, b: FakeYouTubeComment) => -newestFirst(a, b);
const wholeSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/u, 'Z');

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export interface FakeYouTubeOptions {
  /** The channel the tokens belong to (its videos' comments are the ones listed). */
  channelId: string;
  /** Ready access tokens. */
  tokens?: string[];
  /** OAuth clients: client id → its secret and the refresh tokens it accepts. */
  oauthClients?: Record<string, { secret: string; refreshTokens: string[] }>;
  dailyQuota?: number;
  now?: () => Date;
}

export class FakeYouTube {
  readonly calls: FakeYouTubeCall[] = [];
  readonly comments = new Map<string, FakeYouTubeComment>();
  readonly bannedAuthors: string[] = [];
  /** Access tokens handed out by the token endpoint, in order. */
  readonly issuedTokens: string[] = [];
  unitsUsed = 0;
  dailyQuota: number;
  readonly channelId: string;
  readonly #tokens: Set<string>;
  readonly #oauthClients: Record<string, { secret: string; refreshTokens: string[] }>;
  readonly #now: () => Date;
  readonly #failures: { pattern: RegExp; answer: ScriptedAnswer }[] = [];
  readonly #holds: Hold[] = [];
  #server: LoopbackServer | undefined;
  #sequence = 0;
  // Other channels of the same Google Cloud project (one quota): whose tokens they are and whose videos.
  readonly #tokenChannel = new Map<string, string>();
  readonly #refreshChannel = new Map<string, string>();
  readonly #videoChannel = new Map<string, string>();

  constructor(options: FakeYouTubeOptions) {
    this.channelId = options.channelId;
    this.#tokens = new Set(options.tokens ?? []);
    this.#oauthClients = options.oauthClients ?? {};
    this.dailyQuota = options.dailyQuota ?? 10_000;
    this.#now = options.now ?? (() => new Date());
  }

  /** A top-level comment (`parentId` unset) or a reply, published now unless said otherwise. */
  addComment(seed: Partial<FakeYouTubeComment> & Pick<FakeYouTubeComment, 'videoId' | 'authorChannelId' | 'text'>): FakeYouTubeComment {
    this.#sequence += 1;
    const now = seed.publishedAt ?? this.#now();
    const id = seed.id ?? (seed.parentId ? `${seed.parentId}.Ag${this.#sequence}` : `UgFake${this.#sequence}`);
    const comment: FakeYouTubeComment = {
      authorDisplayName: `Viewer ${this.#sequence}`,
      moderationStatus: 'published',
      publishedAt: now,
      updatedAt: now,
      ...seed,
      id,
    };
    this.comments.set(id, comment);
    return comment;
  }

  /** The author changes the text: `updatedAt` moves. */
  editComment(id: string, text: string, at: Date = this.#now()): void {
    const comment = this.comments.get(id);
    if (comment === undefined) throw new Error(`no comment ${id}`);
    comment.text = text;
    comment.updatedAt = at;
  }

  repliesTo(parentId: string): FakeYouTubeComment[] {
    return [...this.comments.values()].filter((comment) => comment.parentId === parentId).sort(oldestFirst);
  }

  /** Midnight Pacific: the day's units start again. */
  resetQuota(): void {
    this.unitsUsed = 0;
  }

  /** Units another client of the same Google project spends. */
  spendElsewhere(units: number): void {
    this.unitsUsed += units;
  }

  /**
   * Another channel whose owner authorised the same OAuth client (so the same project's quota): its
   * access token and/or refresh token act as it, and the comments on its videos are its own.
   */
  addChannel(channelId: string, options: { token?: string; refreshToken?: { clientId: string; token: string }; videoIds: string[] }): void {
    if (options.token !== undefined) {
      this.#tokens.add(options.token);
      this.#tokenChannel.set(options.token, channelId);
    }
    const refresh = options.refreshToken;
    if (refresh !== undefined) {
      this.#oauthClients[refresh.clientId]?.refreshTokens.push(refresh.token);
      this.#refreshChannel.set(refresh.token, channelId);
    }
    for (const videoId of options.videoIds) this.#videoChannel.set(videoId, channelId);
  }

  /** The channel whose video the comment is on. */
  channelOf(comment: Pick<FakeYouTubeComment, 'videoId'>): string {
    return this.#videoChannel.get(comment.videoId) ?? this.channelId;
  }

  revokeToken(token: string): void {
    this.#tokens.delete(token);
  }

  /** API calls (the token endpoint not counted). */
  apiCalls(): FakeYouTubeCall[] {
    return this.calls.filter((call) => call.path !== '/token');
  }

  /** The next request whose `METHOD /path` matches gets this answer and has no effect. */
  failNext(pattern: RegExp, answer: ScriptedAnswer): void {
    this.#failures.push({ pattern, answer });
  }

  /** The next matching request takes effect but gets no answer until released. */
  holdNext(pattern: RegExp): { arrived: Promise<void>; release: () => void } {
    let arrived = (): void => undefined;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    const hold: Hold = { pattern, arrived: () => arrived(), released: false };
    this.#holds.push(hold);
    return {
      arrived: waiting,
      release: () => {
        hold.released = true;
        hold.send?.();
      },
    };
  }

  async start(): Promise<{ apiUrl: string; oauthUrl: string }> {
    this.#server = await listenOnLoopback((request, response) => this.#handle(request, response));
    const { port } = this.#server;
    return { apiUrl: `http://127.0.0.1:${port}/youtube/v3`, oauthUrl: `http://127.0.0.1:${port}/token` };
  }

  async close(): Promise<void> {
    await this.#server?.close();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/^\/youtube\/v3/u, '');
    const params = Object.fromEntries(url.searchParams);
    const text = await readBody(request);
    const call: FakeYouTubeCall = { method, path, params, body: safeJson(text) ?? text, units: 0 };
    this.calls.push(call);
    const key = `${method} ${path}`;
    const failure = this.#failures.find((candidate) => candidate.pattern.test(key));
    if (failure !== undefined) {
      this.#failures.splice(this.#failures.indexOf(failure), 1);
      return this.#send(response, failure.answer);
    }
    const answer = path === '/token' ? this.#token(method, text) : this.#api(call, request.headers.authorization);
    const hold = this.#holds.find((candidate) => candidate.pattern.test(key));
    if (hold === undefined) return this.#send(response, answer);
    this.#holds.splice(this.#holds.indexOf(hold), 1);
    hold.send = () => {
      if (!response.destroyed) this.#send(response, answer);
    };
    hold.arrived();
    if (hold.released) hold.send();
  }

  #send(response: ServerResponse, answer: Answer): void {
    if (answer.status === 204) {
      response.writeHead(204, answer.headers);
      response.end();
      return;
    }
    response.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers });
    response.end(JSON.stringify(answer.body ?? {}));
  }

  /** Google's token endpoint: refresh_token grant, form-encoded. */
  #token(method: string, text: string): Answer {
    if (method !== 'POST') return { status: 405, body: { error: 'invalid_request' } };
    const form = new URLSearchParams(text);
    const client = this.#oauthClients[form.get('client_id') ?? ''];
    if (client === undefined || client.secret !== form.get('client_secret')) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
    }
    if (form.get('grant_type') !== 'refresh_token' || !client.refreshTokens.includes(form.get('refresh_token') ?? '')) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    }
    const token = `ya29.fake-${this.issuedTokens.length + 1}`;
    this.issuedTokens.push(token);
    this.#tokens.add(token);
    this.#tokenChannel.set(token, this.#refreshChannel.get(form.get('refresh_token') ?? '') ?? this.channelId);
    return {
      status: 200,
      body: { access_token: token, expires_in: 3599, scope: 'https://www.googleapis.com/auth/youtube.force-ssl', token_type: 'Bearer' },
    };
  }

  #api(call: FakeYouTubeCall, authorization: string | undefined): Answer {
    const token = authorization?.replace(/^Bearer\s+/iu, '');
    if (token === undefined || !this.#tokens.has(token)) {
      return {
        status: 401,
        body: {
          error: {
            code: 401,
            message:
              'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
            errors: [
              { message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' },
            ],
            status: 'UNAUTHENTICATED',
          },
        },
      };
    }
    const cost = COSTS[`${call.method} ${call.path}`];
    if (cost === undefined) return failed(404, 'notFound', `Not Found: ${call.method} ${call.path}`, 'global');
    const units = cost(call.params);
    if (this.unitsUsed + units > this.dailyQuota) return failed(403, 'quotaExceeded', QUOTA_MESSAGE, 'youtube.quota');
    const answer = this.#route(call, this.#tokenChannel.get(token) ?? this.channelId);
    // Every request that is served costs, a refused one at least a unit.
    call.units = answer.status < 400 ? units : 1;
    this.unitsUsed += call.units;
    return answer;
  }

  #route(call: FakeYouTubeCall, caller: string): Answer {
    const { params } = call;
    switch (`${call.method} ${call.path}`) {
      case 'GET /commentThreads':
        return this.#listThreads(params, caller);
      case 'GET /comments':
        return this.#listComments(params);
      case 'POST /comments':
        return this.#insert(call.body, caller);
      case 'POST /comments/setModerationStatus':
        return this.#moderate(params, caller);
      default:
        return {
          status: 200,
          body: {
            kind: 'youtube#channelListResponse',
            items: this.#channelsListed(params, caller).map((id) => ({ kind: 'youtube#channel', id })),
          },
        };
    }
  }

  /** channels.list: `mine=true` is the token's own channel; `id=` any channel the fake knows. */
  #channelsListed(params: Record<string, string>, caller: string): string[] {
    if (params.mine === 'true') return [caller];
    const known = new Set([
      this.channelId,
      ...this.#tokenChannel.values(),
      ...this.#refreshChannel.values(),
      ...this.#videoChannel.values(),
    ]);
    return params.id !== undefined && known.has(params.id) ? [params.id] : [];
  }

  #resource(comment: FakeYouTubeComment): unknown {
    return {
      kind: 'youtube#comment',
      etag: `etag-${comment.id}-${comment.updatedAt.getTime()}`,
      id: comment.id,
      snippet: {
        channelId: this.channelOf(comment),
        videoId: comment.videoId,
        textDisplay: comment.text,
        textOriginal: comment.text,
        ...(comment.parentId ? { parentId: comment.parentId } : {}),
        authorDisplayName: comment.authorDisplayName,
        authorProfileImageUrl: 'https://yt3.ggpht.com/fake',
        authorChannelUrl: `http://www.youtube.com/channel/${comment.authorChannelId}`,
        authorChannelId: { value: comment.authorChannelId },
        canRate: true,
        viewerRating: 'none',
        likeCount: 0,
        ...(comment.moderationStatus === 'published' ? {} : { moderationStatus: comment.moderationStatus }),
        publishedAt: wholeSeconds(comment.publishedAt),
        updatedAt: wholeSeconds(comment.updatedAt),
      },
    };
  }

  #listThreads(params: Record<string, string>, caller: string): Answer {
    const filters = ['allThreadsRelatedToChannelId', 'videoId', 'id'].filter((name) => params[name] !== undefined);
    if (filters.length !== 1) return failed(400, 'missingRequiredParameter', 'Exactly one filter must be given.', 'youtube.parameter');
    if (params.allThreadsRelatedToChannelId !== undefined && params.allThreadsRelatedToChannelId !== caller) {
      return failed(403, 'forbidden', 'The comment threads could not be retrieved.', 'youtube.commentThread');
    }
    const status = (params.moderationStatus ?? 'published') as FakeModerationStatus;
    const visible = (comment: FakeYouTubeComment) => comment.moderationStatus === status;
    const tops = [...this.comments.values()].filter(
      (comment) =>
        comment.parentId === undefined &&
        (params.videoId === undefined || comment.videoId === params.videoId) &&
        (params.allThreadsRelatedToChannelId === undefined || this.channelOf(comment) === caller) &&
        (visible(comment) || (status !== 'published' && this.repliesTo(comment.id).some(visible))),
    );
    const { slice, next, total, size } = pageOf(tops.sort(newestFirst), params);
    const withReplies = partsOf(params).includes('replies');
    const items = slice.map((top) => {
      const replies = this.repliesTo(top.id).filter((reply) => reply.moderationStatus === 'published');
      return {
        kind: 'youtube#commentThread',
        etag: `etag-thread-${top.id}`,
        id: top.id,
        snippet: {
          channelId: this.channelOf(top),
          videoId: top.videoId,
          topLevelComment: this.#resource(top),
          canReply: true,
          totalReplyCount: replies.length,
          isPublic: true,
        },
        ...(withReplies && replies.length > 0
          ? { replies: { comments: replies.slice(0, INCLUDED_REPLIES).map((reply) => this.#resource(reply)) } }
          : {}),
      };
    });
    return {
      status: 200,
      body: {
        kind: 'youtube#commentThreadListResponse',
        etag: 'etag-threads',
        ...(next ? { nextPageToken: next } : {}),
        pageInfo: { totalResults: total, resultsPerPage: size },
        items,
      },
    };
  }

  #listComments(params: Record<string, string>): Answer {
    if ((params.id === undefined) === (params.parentId === undefined)) {
      return failed(400, 'operationNotSupported', 'Exactly one of id or parentId must be given.');
    }
    if (params.id !== undefined) {
      const ids = params.id.split(',');
      // A rejected comment is no longer listed.
      const found = ids.flatMap((id) => {
        const comment = this.comments.get(id);
        return comment === undefined || comment.moderationStatus === 'rejected' ? [] : [comment];
      });
      return { status: 200, body: { kind: 'youtube#commentListResponse', items: found.map((comment) => this.#resource(comment)) } };
    }
    const parent = this.comments.get(params.parentId ?? '');
    if (parent === undefined) return failed(404, 'commentNotFound', 'The comment could not be found.');
    const replies = this.repliesTo(parent.id).filter((reply) => reply.moderationStatus === 'published');
    const { slice, next } = pageOf(replies, params);
    return {
      status: 200,
      body: {
        kind: 'youtube#commentListResponse',
        ...(next ? { nextPageToken: next } : {}),
        items: slice.map((reply) => this.#resource(reply)),
      },
    };
  }

  #insert(body: unknown, caller: string): Answer {
    const snippet = (body as { snippet?: { parentId?: unknown; textOriginal?: unknown } } | undefined)?.snippet;
    if (typeof snippet?.parentId !== 'string') return failed(400, 'parentIdMissing', 'No parent ID was specified.');
    if (typeof snippet.textOriginal !== 'string' || snippet.textOriginal.trim() === '') {
      return failed(400, 'commentTextRequired', 'The comment resource must contain a value for the snippet.textOriginal property.');
    }
    const parent = this.comments.get(snippet.parentId);
    if (parent === undefined || parent.parentId !== undefined || parent.moderationStatus === 'rejected') {
      return failed(404, 'parentCommentNotFound', 'The parent comment could not be found.');
    }
    if (this.channelOf(parent) !== caller)
      return failed(403, 'forbidden', 'The comment could not be created due to insufficient permissions.');
    const reply = this.addComment({
      parentId: parent.id,
      videoId: parent.videoId,
      authorChannelId: caller,
      authorDisplayName: 'The Channel',
      text: snippet.textOriginal,
    });
    return { status: 200, body: this.#resource(reply) };
  }

  #moderate(params: Record<string, string>, caller: string): Answer {
    const status = params.moderationStatus as FakeModerationStatus | undefined;
    if (status === undefined || !['heldForReview', 'published', 'rejected'].includes(status)) {
      return failed(400, 'invalidModerationStatus', 'The moderation status is not valid.');
    }
    if (params.banAuthor === 'true' && status !== 'rejected') {
      return failed(400, 'banWithoutReject', 'The banAuthor parameter can only be used with a moderationStatus of rejected.');
    }
    const ids = (params.id ?? '').split(',').filter(Boolean);
    const comments = ids.map((id) => this.comments.get(id));
    if (ids.length === 0 || comments.some((comment) => comment === undefined))
      return failed(404, 'commentNotFound', 'The comment could not be found.');
    if ((comments as FakeYouTubeComment[]).some((comment) => this.channelOf(comment) !== caller)) {
      return failed(403, 'forbidden', 'The comment could not be moderated: it is not on a video of the channel.');
    }
    for (const comment of comments as FakeYouTubeComment[]) {
      if (comment.moderationStatus === 'rejected' && status !== 'rejected') {
        return failed(400, 'operationNotSupported', 'A rejected comment cannot be published or held again.');
      }
    }
    for (const comment of comments as FakeYouTubeComment[]) {
      comment.moderationStatus = status;
      if (params.banAuthor === 'true') this.bannedAuthors.push(comment.authorChannelId);
    }
    return { status: 204 };
  }
}
