import { z } from 'zod';
import { errorMessage, PermanentPlatformError, TransientPlatformError } from '../../../src/errors.js';
import { graphError, readGraphError } from './graph-errors.js';

export interface GraphClientOptions {
  /** Base with the version, e.g. https://graph.facebook.com/v23.0 */
  graphUrl: string;
  tokenFor: (accountId: string) => string | undefined;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const graphCommentSchema = z.looseObject({
  id: z.string(),
  from: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  message: z.string().optional(),
  created_time: z.string().optional(),
  is_hidden: z.boolean().optional(),
});
export type GraphComment = z.output<typeof graphCommentSchema>;

const created = z.looseObject({ id: z.string() });
const success = z.looseObject({ success: z.boolean() });
const commentList = z.looseObject({ data: z.array(graphCommentSchema) });
const sent = z.looseObject({ message_id: z.string(), recipient_id: z.string().optional() });
const profile = z.looseObject({ id: z.string(), name: z.string().optional() });
const blocked = z.record(z.string(), z.unknown());
const blockedList = z.looseObject({ data: z.array(z.looseObject({ id: z.string() })) });
const conversationList = z.looseObject({ data: z.array(z.looseObject({ id: z.string() })) });
const graphMessageSchema = z.looseObject({
  id: z.string(),
  message: z.string().optional(),
  from: z.looseObject({ id: z.string() }).optional(),
  created_time: z.string().optional(),
});
export type GraphMessage = z.output<typeof graphMessageSchema>;
const messageList = z.looseObject({ data: z.array(graphMessageSchema) });

export interface SentMessage {
  messageId: string;
  recipientId?: string;
}

export type Param = string | number | boolean | readonly unknown[] | Record<string, unknown>;

export interface GraphCall<T> {
  method: 'GET' | 'POST' | 'DELETE';
  path: readonly string[];
  token: string;
  params?: Record<string, Param>;
  /** What the call is about, in words for error messages. */
  subject: string;
  schema: z.ZodType<T>;
  /** WhatsApp's Cloud API: the token as `Authorization: Bearer` and a JSON body, as its documentation shows. */
  bearerJson?: boolean;
  /** Whose API it is, in error messages ("Instagram"); Facebook by default. */
  platformName?: string;
}

// Nested values go JSON-encoded inside the form, as the official SDKs send them.
const encodeParams = (params: Record<string, Param>, token: string): URLSearchParams => {
  const encoded = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    encoded.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  encoded.set('access_token', token);
  return encoded;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const describeFailure = (error: unknown): string => {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code ?? errorMessage(error);
};

/** The few Graph API calls Switchboard makes, over fetch, with errors mapped to queue-steering classes. */
export class GraphClient {
  readonly #base: string;
  readonly #tokenFor: (accountId: string) => string | undefined;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: GraphClientOptions) {
    this.#base = options.graphUrl.replace(/\/+$/u, '');
    this.#tokenFor = options.tokenFor;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  async replyToComment(pageId: string, commentId: string, message: string): Promise<{ id: string }> {
    const reply = await this.call({
      method: 'POST',
      path: [commentId, 'comments'],
      token: this.token(pageId),
      params: { message },
      subject: `comment ${commentId}`,
      schema: created,
    });
    return { id: reply.id };
  }

  async setCommentHidden(pageId: string, commentId: string, hidden: boolean): Promise<{ success: boolean }> {
    const answer = await this.call({
      method: 'POST',
      path: [commentId],
      token: this.token(pageId),
      params: { is_hidden: hidden },
      subject: `comment ${commentId}`,
      schema: success,
    });
    return { success: answer.success };
  }

  async deleteComment(pageId: string, commentId: string): Promise<{ success: boolean }> {
    const answer = await this.call({
      method: 'DELETE',
      path: [commentId],
      token: this.token(pageId),
      subject: `comment ${commentId}`,
      schema: success,
    });
    return { success: answer.success };
  }

  /** Newest first: enough to see whether our own reply already landed. */
  async listReplies(pageId: string, commentId: string): Promise<GraphComment[]> {
    const list = await this.call({
      method: 'GET',
      path: [commentId, 'comments'],
      token: this.token(pageId),
      params: { fields: 'id,from,message,created_time', filter: 'stream', order: 'reverse_chronological' },
      subject: `comment ${commentId}`,
      schema: commentList,
    });
    return list.data;
  }

  async getComment(pageId: string, commentId: string): Promise<GraphComment> {
    return this.call({
      method: 'GET',
      path: [commentId],
      token: this.token(pageId),
      params: { fields: 'id,is_hidden,message,from' },
      subject: `comment ${commentId}`,
      schema: graphCommentSchema,
    });
  }

  async blockUser(pageId: string, userId: string): Promise<void> {
    await this.call({
      method: 'POST',
      path: [pageId, 'blocked'],
      token: this.token(pageId),
      params: { user: [userId] },
      subject: `Page ${pageId}`,
      schema: blocked,
    });
  }

  /** Whether the Page has blocked the user: Graph lists them under `/{page-id}/blocked?user=…`. */
  async isBlocked(pageId: string, userId: string): Promise<boolean> {
    const list = await this.call({
      method: 'GET',
      path: [pageId, 'blocked'],
      token: this.token(pageId),
      params: { user: userId },
      subject: `Page ${pageId}`,
      schema: blockedList,
    });
    return list.data.some((profile) => profile.id === userId);
  }

  /** The Page's Messenger conversation with a person (by their page-scoped id), if there is one. */
  async findConversation(pageId: string, userId: string): Promise<string | undefined> {
    const list = await this.call({
      method: 'GET',
      path: [pageId, 'conversations'],
      token: this.token(pageId),
      params: { platform: 'messenger', user_id: userId },
      subject: `Page ${pageId}`,
      schema: conversationList,
    });
    return list.data[0]?.id;
  }

  /** Newest first: enough to see whether our own message already went out. */
  async listMessages(pageId: string, conversationId: string): Promise<GraphMessage[]> {
    const list = await this.call({
      method: 'GET',
      path: [conversationId, 'messages'],
      token: this.token(pageId),
      params: { fields: 'id,message,from,created_time' },
      subject: `conversation ${conversationId}`,
      schema: messageList,
    });
    return list.data;
  }

  async sendMessage(pageId: string, recipientId: string, text: string): Promise<SentMessage> {
    return this.#send(pageId, { recipient: { id: recipientId }, message: { text }, messaging_type: 'RESPONSE' });
  }

  /** A private reply opens a Messenger conversation from a comment; Meta allows one per comment. */
  async sendPrivateReply(pageId: string, commentId: string, text: string): Promise<SentMessage> {
    return this.#send(pageId, { recipient: { comment_id: commentId }, message: { text } });
  }

  /** Whom a token belongs to: `switchboard doctor` uses it to check the token works. */
  async me(token: string): Promise<{ id: string; name?: string }> {
    const owner = await this.call({
      method: 'GET',
      path: ['me'],
      token,
      params: { fields: 'id,name' },
      subject: 'token owner',
      schema: profile,
    });
    return { id: owner.id, name: owner.name };
  }

  async #send(pageId: string, params: Record<string, Param>): Promise<SentMessage> {
    const answer = await this.call({
      method: 'POST',
      path: [pageId, 'messages'],
      token: this.token(pageId),
      params,
      subject: `Page ${pageId}`,
      schema: sent,
    });
    return { messageId: answer.message_id, recipientId: answer.recipient_id };
  }

  /** The token for an account; none is a refusal for good, in words saying which variable to set. */
  token(accountId: string): string {
    const token = this.#tokenFor(accountId);
    if (token === undefined || token === '') {
      throw new PermanentPlatformError(
        `No Meta access token for account ${accountId}: set META_PAGE_ACCESS_TOKEN or map the account in the playbook`,
      );
    }
    return token;
  }

  /** One Graph call; the typed methods above and the Instagram and WhatsApp calls go through it. */
  async call<T>(call: GraphCall<T>): Promise<T> {
    const url = new URL(`${this.#base}/${call.path.map(encodeURIComponent).join('/')}`);
    const init = requestInit(call, url, this.#timeoutMs);
    const platform = call.platformName ?? 'Facebook';
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(url, init);
      text = await response.text();
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${this.#timeoutMs} ms` : describeFailure(error);
      const message = `Could not reach the Graph API at ${url.host} for the ${call.subject}: ${reason}`;
      throw new TransientPlatformError(message, { cause: error });
    }
    const body = parseJson(text);
    if (!response.ok || readGraphError(body) !== undefined) {
      throw graphError({ status: response.status, headers: response.headers, body, subject: call.subject, platform });
    }
    const parsed = call.schema.safeParse(body);
    if (!parsed.success) {
      const excerpt = text.slice(0, 200);
      throw new TransientPlatformError(`${platform} gave an unexpected answer for the ${call.subject}: ${excerpt}`);
    }
    return parsed.data;
  }
}

/** Form (or query) with `access_token`, as the SDKs send it; or Bearer and JSON for the WhatsApp Cloud API. */
const requestInit = (call: GraphCall<unknown>, url: URL, timeoutMs: number): RequestInit => {
  const init: RequestInit = { method: call.method, signal: AbortSignal.timeout(timeoutMs) };
  if (call.bearerJson === true) {
    init.headers = { authorization: `Bearer ${call.token}`, 'content-type': 'application/json' };
    if (call.method === 'POST') init.body = JSON.stringify(call.params ?? {});
    return init;
  }
  const params = encodeParams(call.params ?? {}, call.token);
  if (call.method === 'POST') init.body = params;
  else url.search = params.toString();
  return init;
};
