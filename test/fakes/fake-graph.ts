import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.js';
import { FakeWhatsApp } from './fake-whatsapp.js';

/*
 * A Graph API stand-in on loopback that speaks the wire protocol: form or JSON bodies,
 * `access_token` anywhere Graph accepts it, Graph's error envelope, and a small model of
 * comments so replies, hides and deletes are visible to later reads.
 */

export interface FakeComment {
  id: string;
  from: { id: string; name?: string };
  message: string;
  postId: string;
  parentId?: string;
  createdTime: Date;
  isHidden: boolean;
  deleted: boolean;
  /** An Instagram comment: its node speaks `hide`/`hidden`, `text`, `timestamp` and `/replies`. */
  instagram?: boolean;
}

/** A message the Page sent; `userId` is the person's conversation (unknown for a private reply to an unknown comment). */
export interface FakeMessage {
  pageId: string;
  id: string;
  recipient: Record<string, unknown>;
  text: string;
  userId: string | undefined;
  createdTime: Date;
  /** Who the message is from when read back: the Page, or its Instagram account for Instagram sends. */
  fromId: string;
}

export interface RecordedCall {
  method: string;
  /** Path after the version prefix, e.g. `/123_456/comments`. */
  path: string;
  params: Record<string, string>;
  body: Record<string, unknown>;
  at: Date;
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HeldRequest {
  /** Resolves when the held request has arrived and its effect is applied. */
  arrived: Promise<void>;
  release: () => void;
}

/** The Page (or user) a token belongs to; `instagramId` is the Instagram professional account linked to the Page. */
export interface TokenOwner {
  id: string;
  name: string;
  instagramId?: string;
}

export interface FakeGraphOptions {
  version?: string;
  /** token → the Page (or user) it belongs to. */
  tokens?: Record<string, TokenOwner>;
}

type PathPattern = string | RegExp;
type Answer = { status: number; body: unknown; headers?: Record<string, string> };
interface Hold {
  pattern: PathPattern;
  /** The connection is cut instead of answered: the caller sees a reset, as when a proxy or the network drops it. */
  drop?: boolean;
  arrived: () => void;
  send?: () => void;
  released: boolean;
}

/** Graph's error envelope; `extra` adds error_subcode, is_transient… */
export const graphErrorBody = (code: number, message: string, extra: Record<string, unknown> = {}): unknown => {
  const type = code === 190 ? 'OAuthException' : 'GraphMethodException';
  return { error: { message, type, code, ...extra, fbtrace_id: 'AFakeTrace' } };
};

const failed = (status: number, code: number, message: string): Answer => ({
  status,
  body: graphErrorBody(code, message),
});

const matches = (pattern: PathPattern, path: string): boolean => (typeof pattern === 'string' ? pattern === path : pattern.test(path));

const graphTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/u, '+0000');

const asObject = (value: unknown): Record<string, unknown> => {
  const parsed = typeof value === 'string' ? safeJson(value) : value;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const readBody = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/json')) return asObject(safeJson(text));
  return Object.fromEntries(new URLSearchParams(text));
};

const gone = (id: string): Answer => ({
  status: 400,
  body: graphErrorBody(
    100,
    `Unsupported request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, ` +
      'or does not support this operation.',
    { error_subcode: 33 },
  ),
});

export class FakeGraph {
  readonly calls: RecordedCall[] = [];
  readonly comments = new Map<string, FakeComment>();
  readonly blocked: { pageId: string; userId: string }[] = [];
  readonly messages: FakeMessage[] = [];
  readonly whatsapp = new FakeWhatsApp();
  readonly #version: string;
  readonly #tokens: Map<string, TokenOwner>;
  readonly #failures: { pattern: PathPattern; method?: string; response: ScriptedResponse; left: number }[] = [];
  readonly #holds: Hold[] = [];
  #server: LoopbackServer | undefined;
  #sequence = 1000;

  constructor(options: FakeGraphOptions = {}) {
    this.#version = options.version ?? 'v23.0';
    this.#tokens = new Map(Object.entries(options.tokens ?? {}));
  }

  addToken(token: string, owner: TokenOwner): void {
    this.#tokens.set(token, owner);
  }

  /** From now on the token is refused as Graph refuses one revoked or expired (code 190). */
  revokeToken(token: string): void {
    this.#tokens.delete(token);
  }

  addComment(seed: Pick<FakeComment, 'id' | 'from' | 'message' | 'postId'> & Partial<FakeComment>): FakeComment {
    const comment: FakeComment = { createdTime: new Date(), isHidden: false, deleted: false, ...seed };
    this.comments.set(comment.id, comment);
    return comment;
  }

  repliesTo(commentId: string): FakeComment[] {
    return [...this.comments.values()].filter((comment) => comment.parentId === commentId && !comment.deleted);
  }

  /** The next matching request (by path after the version) gets this answer and has no effect. */
  failNext(pattern: PathPattern, response: ScriptedResponse, options: { times?: number; method?: string } = {}): void {
    this.#failures.push({ pattern, response, left: options.times ?? 1, method: options.method });
  }

  /** The next matching request takes effect but gets no answer until released: a caller that never hears back. */
  holdNext(pattern: PathPattern): HeldRequest {
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

  /** The next matching request takes effect, then its connection is cut before any answer: an outcome the caller never learns. */
  dropNext(pattern: PathPattern): void {
    this.#holds.push({ pattern, arrived: () => undefined, released: false, drop: true });
  }

  async start(): Promise<{ url: string }> {
    this.#server = await listenOnLoopback((request, response) => this.#handle(request, response));
    const { port } = this.#server;
    return { url: `http://127.0.0.1:${port}/${this.#version}` };
  }

  async close(): Promise<void> {
    await this.#server?.close();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/^\/v\d+\.\d+/u, '');
    const params = Object.fromEntries(url.searchParams);
    const body = await readBody(request);
    this.calls.push({ method, path, params, body, at: new Date() });

    const failure = this.#failures.find((f) => matches(f.pattern, path) && (f.method ?? method) === method);
    if (failure !== undefined) {
      failure.left -= 1;
      if (failure.left <= 0) this.#failures.splice(this.#failures.indexOf(failure), 1);
      const { status, headers } = failure.response;
      const failureBody = failure.response.body ?? { error: { message: 'Scripted failure', type: 'FakeGraph' } };
      return this.#send(response, { status, body: failureBody, headers });
    }
    const answer = this.#route(method, path, { ...params, ...body }, request.headers.authorization);
    const holdIndex = this.#holds.findIndex((hold) => matches(hold.pattern, path));
    const hold = this.#holds[holdIndex];
    if (hold === undefined) return this.#send(response, answer);
    this.#holds.splice(holdIndex, 1);
    if (hold.drop === true) {
      response.socket?.destroy();
      return;
    }
    hold.send = () => {
      if (!response.destroyed) this.#send(response, answer);
    };
    hold.arrived();
    if (hold.released) hold.send();
  }

  #send(response: ServerResponse, answer: Answer): void {
    response.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers });
    response.end(JSON.stringify(answer.body));
  }

  #route(method: string, path: string, input: Record<string, unknown>, authorization: string | undefined): Answer {
    const bearer = authorization?.replace(/^Bearer\s+/iu, '');
    const token = typeof input.access_token === 'string' ? input.access_token : bearer;
    const owner = token === undefined ? undefined : this.#tokens.get(token);
    if (owner === undefined) {
      const message = 'Error validating access token: The session is invalid because the user logged out.';
      return { status: 400, body: graphErrorBody(190, message, { error_subcode: 467 }) };
    }
    const [node = '', edge, ...more] = path.split('/').filter(Boolean);
    if (more.length > 0) return gone(path);
    if (node === 'me' && method === 'GET' && edge === undefined) return { status: 200, body: owner };
    if (this.whatsapp.hasPhoneNumber(node)) return this.#whatsappNode(method, node, edge, input);
    // `/me/…` with a Page token is the Page; what it sends there on Instagram comes from the Page's Instagram account.
    const id = node === 'me' ? owner.id : node;
    const sender = node === 'me' ? (owner.instagramId ?? owner.id) : owner.id;
    if (edge === 'moderate_conversations') return this.#moderate(method, id, sender, input);
    if (method === 'GET' && (edge === 'blocked' || edge === 'conversations' || edge === 'messages'))
      return this.#read(id, edge, owner.id, input);
    if (edge === 'blocked' || edge === 'messages') return this.#pageEdge(method, id, edge, owner.id, input, sender);
    const comment = this.comments.get(id);
    if (comment === undefined || comment.deleted) return gone(id);
    if (edge === 'comments' && !comment.instagram) return this.#replies(method, comment, owner, input);
    if (edge === 'replies' && comment.instagram) {
      return this.#replies(method, comment, { id: owner.instagramId ?? owner.id, name: owner.name }, input);
    }
    if (edge !== undefined) return gone(path);
    return this.#commentNode(method, comment, input);
  }

  #whatsappNode(method: string, phoneNumberId: string, edge: string | undefined, input: Record<string, unknown>): Answer {
    if (edge === undefined && method === 'GET') return this.whatsapp.describe(phoneNumberId);
    if (edge === 'messages' && method === 'POST') return this.whatsapp.send(phoneNumberId, input);
    return gone(`${phoneNumberId}/${edge ?? ''}`);
  }

  /** Moderate Conversations: blocks only someone the account already has a conversation with. */
  #moderate(method: string, pageId: string, accountId: string, input: Record<string, unknown>): Answer {
    if (method !== 'POST') return gone(`${pageId}/moderate_conversations`);
    // Form bodies carry lists JSON-encoded, as the SDKs send them.
    const list = (value: unknown): unknown[] => {
      const parsed = typeof value === 'string' ? safeJson(value) : value;
      return Array.isArray(parsed) ? parsed : [];
    };
    const users = list(input.user_ids).map((user) => String(asObject(user).id ?? ''));
    const actions = list(input.actions).map(String);
    if (users.length === 0 || !actions.includes('block_user')) return failed(400, 100, '(#100) user_ids and actions are required');
    const unknown = users.find((userId) => !this.messages.some((message) => message.pageId === pageId && message.userId === userId));
    if (unknown !== undefined) return failed(400, 100, `(#100) No conversation found with user ${unknown}`);
    for (const userId of users) this.blocked.push({ pageId: accountId, userId });
    return { status: 200, body: { success: 'true' } };
  }

  /** A conversation the person started (their DM), so the account may answer and moderate it. */
  addConversation(pageId: string, userId: string): void {
    const id = `m_in_${(this.#sequence += 1)}`;
    this.messages.push({ pageId, id, recipient: {}, text: '', userId, createdTime: new Date(0), fromId: userId });
  }

  #pageEdge(method: string, pageId: string, edge: string, ownerId: string, input: Record<string, unknown>, sender: string): Answer {
    if (method !== 'POST') return gone(`${pageId}/${edge}`);
    if (pageId !== ownerId) return failed(403, 200, `(#200) The token does not belong to Page ${pageId}`);
    if (edge === 'blocked') {
      const users = typeof input.user === 'string' ? (safeJson(input.user) ?? input.user) : input.user;
      const ids = (Array.isArray(users) ? users : [users]).map(String);
      for (const userId of ids) this.blocked.push({ pageId, userId });
      return { status: 200, body: Object.fromEntries(ids.map((userId) => [userId, true])) };
    }
    const recipient = asObject(input.recipient);
    const text = asObject(input.message).text;
    if (typeof text !== 'string') return failed(400, 100, '(#100) The parameter message is required');
    const id = `m_${(this.#sequence += 1)}`;
    const userId = recipient.id === undefined ? this.comments.get(String(recipient.comment_id))?.from.id : String(recipient.id);
    this.messages.push({ pageId, id, recipient, text, userId, createdTime: new Date(), fromId: sender });
    return { status: 200, body: { recipient_id: String(recipient.id ?? recipient.comment_id ?? ''), message_id: id } };
  }

  /** Reads Graph allows on a Page: its blocked list, its conversation with a user, a conversation's messages (newest first). */
  #read(id: string, edge: string, ownerId: string, input: Record<string, unknown>): Answer {
    if (edge === 'messages') {
      const [pageId, userId] = id.replace(/^t_/u, '').split('_');
      if (!id.startsWith('t_') || pageId !== ownerId) return gone(id);
      const sent = this.messages.filter((message) => message.pageId === pageId && message.userId === userId).reverse();
      const data = sent.map((message) => ({
        id: message.id,
        message: message.text,
        from: { id: message.fromId, name: 'Page' },
        created_time: graphTime(message.createdTime),
      }));
      return { status: 200, body: { data, paging: {} } };
    }
    if (id !== ownerId) return failed(403, 200, `(#200) The token does not belong to Page ${id}`);
    if (edge === 'blocked') {
      const user = typeof input.user === 'string' ? input.user : undefined;
      const ids = [
        ...new Set(
          this.blocked.filter((block) => block.pageId === id && (user === undefined || block.userId === user)).map((b) => b.userId),
        ),
      ];
      return { status: 200, body: { data: ids.map((userId) => ({ id: userId, name: `User ${userId}` })), paging: {} } };
    }
    const userId = typeof input.user_id === 'string' ? input.user_id : undefined;
    const talked = this.messages.some((message) => message.pageId === id && message.userId === userId);
    return { status: 200, body: { data: talked ? [{ id: `t_${id}_${userId}`, updated_time: graphTime(new Date()) }] : [], paging: {} } };
  }

  #replies(method: string, parent: FakeComment, owner: FakeComment['from'], input: Record<string, unknown>): Answer {
    if (method === 'POST') {
      if (typeof input.message !== 'string' || input.message === '') {
        return failed(400, 100, '(#100) Missing message or attachment');
      }
      const id = `${parent.postId.split('_').at(-1) ?? parent.postId}_${(this.#sequence += 1)}`;
      const instagram = parent.instagram === true;
      this.addComment({ id, from: owner, message: input.message, postId: parent.postId, parentId: parent.id, instagram });
      return { status: 200, body: { id } };
    }
    if (method !== 'GET') return gone(`${parent.id}/comments`);
    const replies = this.repliesTo(parent.id).sort((a, b) => a.createdTime.getTime() - b.createdTime.getTime());
    if (input.order === 'reverse_chronological') replies.reverse();
    return { status: 200, body: { data: replies.map((reply) => this.#render(reply, input.fields)), paging: {} } };
  }

  #commentNode(method: string, comment: FakeComment, input: Record<string, unknown>): Answer {
    if (method === 'GET') return { status: 200, body: this.#render(comment, input.fields) };
    if (method === 'DELETE') {
      comment.deleted = true;
      return { status: 200, body: { success: true } };
    }
    if (input.is_hidden !== undefined && !comment.instagram) comment.isHidden = String(input.is_hidden) === 'true';
    if (input.hide !== undefined && comment.instagram) comment.isHidden = String(input.hide) === 'true';
    if (typeof input.message === 'string') comment.message = input.message;
    return { status: 200, body: { success: true } };
  }

  #render(comment: FakeComment, fields: unknown): Record<string, unknown> {
    const all: Record<string, unknown> = comment.instagram
      ? {
          id: comment.id,
          from: { id: comment.from.id, username: comment.from.name },
          text: comment.message,
          timestamp: graphTime(comment.createdTime),
          hidden: comment.isHidden,
          username: comment.from.name,
        }
      : {
          id: comment.id,
          from: comment.from,
          message: comment.message,
          created_time: graphTime(comment.createdTime),
          is_hidden: comment.isHidden,
        };
    const wanted = typeof fields === 'string' ? fields.split(',') : ['id', 'message', 'created_time', 'from'];
    return Object.fromEntries(Object.entries(all).filter(([key]) => wanted.includes(key)));
  }
}
