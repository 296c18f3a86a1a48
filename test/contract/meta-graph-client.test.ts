import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphClient } from '../../adapters/sources/meta/graph-client.js';
import { GraphObjectGoneError } from '../../adapters/sources/meta/graph-errors.js';
import { PermanentPlatformError, RateLimitedError, TransientPlatformError } from '../../src/errors.js';
import { FakeGraph, graphErrorBody, type ScriptedResponse } from '../fakes/fake-graph.js';
import { PAGE_ID, POST_ID } from '../fixtures/meta.js';
import { rejection } from './rejection.js';

const TOKEN = 'EAAG-page-token';
const AUTHOR = { id: '6100000000000042', name: 'Dana Whitfield' };
const fake = new FakeGraph({ tokens: { [TOKEN]: { id: PAGE_ID, name: 'Acme Outdoor' } } });
let graphUrl = '';
let commentSeq = 0;
let commentId = '';

const clientWith = (timeoutMs = 2_000): GraphClient =>
  new GraphClient({ graphUrl, tokenFor: (id) => (id === PAGE_ID ? TOKEN : undefined), timeoutMs });

beforeAll(async () => {
  graphUrl = (await fake.start()).url;
});
afterAll(async () => fake.close());
beforeEach(() => {
  commentSeq += 1;
  commentId = `220000000000001_${commentSeq}`;
  fake.addComment({ id: commentId, from: AUTHOR, message: 'I want a refund', postId: POST_ID });
});

describe('GraphClient against the fake Graph API', () => {
  it('replies to a comment with a form-encoded POST carrying access_token', async () => {
    const text = 'Sorry to hear that — DM us?';
    const reply = await clientWith().replyToComment(PAGE_ID, commentId, text);
    expect(fake.repliesTo(commentId)).toMatchObject([{ id: reply.id, message: text, from: { id: PAGE_ID } }]);
    expect(fake.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: `/${commentId}/comments`,
      params: {},
      body: { message: text, access_token: TOKEN },
    });
  });

  it('hides and unhides a comment, and reads is_hidden back', async () => {
    const client = clientWith();
    await client.setCommentHidden(PAGE_ID, commentId, true);
    const comment = await client.getComment(PAGE_ID, commentId);
    expect(comment).toMatchObject({ id: commentId, is_hidden: true, from: { id: AUTHOR.id } });
    expect(fake.calls.at(-1)).toMatchObject({
      method: 'GET',
      params: { fields: 'id,is_hidden,message,from', access_token: TOKEN },
    });
    await client.setCommentHidden(PAGE_ID, commentId, false);
    expect(fake.comments.get(commentId)?.isHidden).toBe(false);
  });

  it('deletes a comment; afterwards Graph says it does not exist, in words', async () => {
    const client = clientWith();
    expect(await client.deleteComment(PAGE_ID, commentId)).toEqual({ success: true });
    const error = await rejection(client.getComment(PAGE_ID, commentId));
    expect(error).toBeInstanceOf(GraphObjectGoneError);
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect(error).toMatchObject({
      message: `The comment ${commentId} no longer exists on Facebook (deleted)`,
      detail: { status: 400, platformCode: 100 },
    });
  });

  it('lists replies newest first with the fields findCompleted needs', async () => {
    const client = clientWith();
    const first = await client.replyToComment(PAGE_ID, commentId, 'one');
    const second = await client.replyToComment(PAGE_ID, commentId, 'two');
    const replies = await client.listReplies(PAGE_ID, commentId);
    expect(replies.map((reply) => reply.id)).toEqual([second.id, first.id]);
    expect(replies[0]).toMatchObject({
      from: { id: PAGE_ID },
      message: 'two',
      created_time: expect.stringMatching(/\+0000$/u),
    });
    expect(fake.calls.at(-1)?.params).toMatchObject({
      fields: 'id,from,message,created_time',
      filter: 'stream',
      order: 'reverse_chronological',
    });
  });

  it('blocks a user and sends Messenger messages and private replies', async () => {
    const client = clientWith();
    await client.blockUser(PAGE_ID, AUTHOR.id);
    expect(fake.blocked).toContainEqual({ pageId: PAGE_ID, userId: AUTHOR.id });
    const dm = await client.sendMessage(PAGE_ID, '7300000000000011', 'Your order shipped');
    expect(fake.messages.at(-1)).toMatchObject({ id: dm.messageId, recipient: { id: '7300000000000011' } });
    expect(fake.calls.at(-1)?.body).toMatchObject({ messaging_type: 'RESPONSE' });
    await client.sendPrivateReply(PAGE_ID, commentId, 'Sent you the details');
    expect(fake.messages.at(-1)).toMatchObject({ recipient: { comment_id: commentId }, text: 'Sent you the details' });
  });

  it('tells who a token belongs to, and names a rejected token in words', async () => {
    const client = clientWith();
    expect(await client.me(TOKEN)).toEqual({ id: PAGE_ID, name: 'Acme Outdoor' });
    const error = await rejection(client.me('EAAG-revoked'));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect(error).toMatchObject({
      message: 'Facebook rejected the Page token (expired or revoked): reconnect the Page and update META_PAGE_ACCESS_TOKEN',
      detail: { status: 400, platformCode: 190 },
    });
  });

  it('refuses an account with no token before calling Graph', async () => {
    const calls = fake.calls.length;
    const error = await rejection(clientWith().replyToComment('someone-else', commentId, 'hi'));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toMatch(/META_PAGE_ACCESS_TOKEN/u);
    expect(fake.calls).toHaveLength(calls);
  });
});

describe('GraphClient error mapping', () => {
  const replyFailing = (response: ScriptedResponse): Promise<unknown> => {
    fake.failNext(`/${commentId}/comments`, response);
    return rejection(clientWith().replyToComment(PAGE_ID, commentId, 'hi'));
  };

  it('HTTP 429 with Retry-After → RateLimitedError waiting that many seconds', async () => {
    const body = graphErrorBody(4, '(#4) Application request limit reached');
    const error = await replyFailing({ status: 429, headers: { 'Retry-After': '7' }, body });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7_000);
  });

  it('a throttling code → RateLimitedError using X-Business-Use-Case-Usage', async () => {
    const pages = { type: 'pages', call_count: 100, total_cputime: 12, total_time: 30 };
    const usage = { [PAGE_ID]: [{ ...pages, estimated_time_to_regain_access: 3 }] };
    const error = await replyFailing({
      status: 400,
      headers: { 'X-Business-Use-Case-Usage': JSON.stringify(usage) },
      body: graphErrorBody(80001, 'There have been too many calls to this Page account.'),
    });
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 180_000 });
  });

  it('a throttling code without usage header → RateLimitedError for 60 s', async () => {
    const error = await replyFailing({ status: 400, body: graphErrorBody(32, 'Page request limit reached') });
    expect(error).toMatchObject({ code: 'platform_rate_limited', retryAfterMs: 60_000 });
  });

  it.each([
    ['HTTP 500 with a Graph error', 500, graphErrorBody(2, 'Service temporarily unavailable', { is_transient: true })],
    ['HTTP 503 with an HTML page', 503, '<html>Service Unavailable</html>'],
    ['an is_transient error on HTTP 400', 400, graphErrorBody(1, 'An unknown error occurred', { is_transient: true })],
  ])('%s → TransientPlatformError', async (_name, status, body) => {
    expect(await replyFailing({ status, body })).toBeInstanceOf(TransientPlatformError);
  });

  it('a missing permission → PermanentPlatformError saying what to grant', async () => {
    const error = await replyFailing({ status: 403, body: graphErrorBody(200, '(#200) Permissions error') });
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect(error).toMatchObject({
      message: expect.stringMatching(/pages_manage_engagement/u),
      detail: { status: 403, platformCode: 200 },
    });
  });

  it('another 4xx → PermanentPlatformError quoting Facebook', async () => {
    const error = await replyFailing({ status: 400, body: graphErrorBody(368, 'The action was deemed abusive') });
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect(error).toMatchObject({
      message: expect.stringMatching(/code 368\): The action was deemed abusive$/u),
      detail: { platformCode: 368 },
    });
  });

  it('an unreachable server → TransientPlatformError', async () => {
    const closed = new FakeGraph();
    const { url } = await closed.start();
    await closed.close();
    const client = new GraphClient({ graphUrl: url, tokenFor: () => TOKEN });
    expect(await rejection(client.getComment(PAGE_ID, commentId))).toBeInstanceOf(TransientPlatformError);
  });

  it('no answer in time → TransientPlatformError', async () => {
    const held = fake.holdNext(`/${commentId}`);
    const error = await rejection(clientWith(150).getComment(PAGE_ID, commentId));
    held.release();
    expect(error).toBeInstanceOf(TransientPlatformError);
    expect((error as Error).message).toMatch(/no answer within 150 ms/u);
  });
});
