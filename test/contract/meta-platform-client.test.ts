import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphClient } from '../../adapters/sources/meta/graph-client.js';
import { createMetaPlatformClient } from '../../adapters/sources/meta/platform-client.js';
import type { PlatformActionRequest, PlatformClient } from '../../src/domain/source.js';
import { PermanentPlatformError, RateLimitedError, TransientPlatformError } from '../../src/errors.js';
import { FakeGraph } from '../fakes/fake-graph.js';
import { PAGE_ID, POST_ID } from '../fixtures/meta.js';

const TOKEN = 'EAAG-page-token';
const PAGE = { id: PAGE_ID, name: 'Acme Outdoor' };
const TEXT = 'We will refund you today.';
const fake = new FakeGraph({ tokens: { [TOKEN]: PAGE } });
let graphUrl = '';
let commentSeq = 0;
let commentId = '';

const client = (): PlatformClient => createMetaPlatformClient(new GraphClient({ graphUrl, tokenFor: () => TOKEN, timeoutMs: 300 }));

const request = (kind: PlatformActionRequest['kind'], text?: string): PlatformActionRequest => ({
  kind,
  platform: 'facebook',
  accountId: PAGE_ID,
  target: commentId,
  text,
});

const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

beforeAll(async () => {
  graphUrl = (await fake.start()).url;
});
afterAll(async () => fake.close());
beforeEach(() => {
  commentSeq += 1;
  commentId = `220000000000001_${commentSeq}`;
  fake.addComment({ id: commentId, from: { id: '6100000000000042' }, message: 'I want a refund', postId: POST_ID });
});

describe('Meta PlatformClient', () => {
  it('declares exactly what it performs', () => {
    const meta = client();
    expect(meta.platforms).toEqual(['facebook', 'messenger']);
    for (const action of ['reply', 'private_reply', 'hide', 'unhide', 'delete', 'block'] as const) {
      expect(meta.supports('facebook', action)).toBe(true);
    }
    expect(meta.supports('facebook', 'send_dm')).toBe(false);
    expect(meta.supports('messenger', 'send_dm')).toBe(true);
    expect(meta.supports('instagram', 'block')).toBe(false);
    expect(meta.supports('whatsapp', 'send_dm')).toBe(false);
  });

  it('refuses an unsupported action as permanent, without calling Graph', async () => {
    const calls = fake.calls.length;
    const error = await rejection(client().perform({ ...request('block'), platform: 'instagram' }));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect(fake.calls).toHaveLength(calls);
  });

  it('replies once after a 429: the retry carries it out', async () => {
    fake.failNext(`/${commentId}/comments`, { status: 429, headers: { 'Retry-After': '1' } });
    const meta = client();
    expect(await rejection(meta.perform(request('reply', TEXT)))).toBeInstanceOf(RateLimitedError);
    const result = await meta.perform(request('reply', TEXT));
    expect(fake.repliesTo(commentId)).toMatchObject([{ id: result.externalId, message: TEXT }]);
  });

  it('finds a reply whose answer never came back (worker killed mid-call)', async () => {
    const meta = client();
    const since = new Date();
    expect(await meta.findCompleted(request('reply', TEXT), since)).toBeUndefined();
    const held = fake.holdNext(`/${commentId}/comments`);
    const attempt = rejection(meta.perform(request('reply', TEXT)));
    await held.arrived;
    expect(await attempt).toBeInstanceOf(TransientPlatformError);
    const [created] = fake.repliesTo(commentId);
    const found = await meta.findCompleted(request('reply', TEXT), since);
    held.release();
    expect(found).toMatchObject({ externalId: created?.id });
    expect(fake.repliesTo(commentId)).toHaveLength(1);
  });

  it('does not mistake another text, someone else’s reply or an old reply for ours', async () => {
    const meta = client();
    const reply = { message: TEXT, postId: POST_ID, parentId: commentId };
    fake.addComment({ ...reply, id: `${commentId}_x`, from: { id: '999' } });
    fake.addComment({ ...reply, id: `${commentId}_old`, from: PAGE, createdTime: new Date(Date.now() - 600_000) });
    await meta.perform(request('reply', 'Something else'));
    expect(await meta.findCompleted(request('reply', TEXT), new Date())).toBeUndefined();
  });

  it('treats a hide already in place as done, and a pending one as not', async () => {
    const meta = client();
    expect(await meta.findCompleted(request('hide'), new Date())).toBeUndefined();
    await meta.perform(request('hide'));
    expect(fake.comments.get(commentId)?.isHidden).toBe(true);
    expect(await meta.findCompleted(request('hide'), new Date())).toMatchObject({ detail: { hidden: true } });
    expect(await meta.findCompleted(request('unhide'), new Date())).toBeUndefined();
  });

  it('treats deleting a deleted comment as done', async () => {
    const meta = client();
    expect(await meta.findCompleted(request('delete'), new Date())).toBeUndefined();
    await meta.perform(request('delete'));
    expect(await meta.findCompleted(request('delete'), new Date())).toMatchObject({ detail: { alreadyGone: true } });
    expect(await meta.perform(request('delete'))).toMatchObject({ detail: { alreadyGone: true } });
  });

  it('surfaces a reply to a deleted comment as permanent, in words', async () => {
    await client().perform(request('delete'));
    const error = await rejection(client().perform(request('reply', TEXT)));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toBe(`The comment ${commentId} no longer exists on Facebook (deleted)`);
  });

  it('blocks, private-replies and sends Messenger DMs', async () => {
    const meta = client();
    await meta.perform({ ...request('block'), target: '6100000000000042' });
    const dm = await meta.perform({ ...request('send_dm', 'Hi!'), platform: 'messenger', target: '7300000000000011' });
    const privately = await meta.perform(request('private_reply', 'Check your inbox'));
    expect(fake.blocked).toContainEqual({ pageId: PAGE_ID, userId: '6100000000000042' });
    expect(fake.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: dm.externalId, recipient: { id: '7300000000000011' }, text: 'Hi!' }),
        expect.objectContaining({ id: privately.externalId, recipient: { comment_id: commentId } }),
      ]),
    );
  });
});
