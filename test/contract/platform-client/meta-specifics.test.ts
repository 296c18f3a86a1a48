import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformActionRequest } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import { PAGE_ID, POST_ID } from '../../fixtures/meta.js';
import { AUTHOR, PAGE, startMetaGraph, type MetaGraph } from './meta-subject.js';
import { rejection } from '../rejection.js';

/* What only Meta's client promises, beyond the platform-client contract (meta.test.ts). */

const TEXT = 'We will refund you today.';
let graph: MetaGraph;
let commentSeq = 0;
let commentId = '';

const request = (kind: PlatformActionRequest['kind'], text?: string): PlatformActionRequest => ({
  kind,
  platform: 'facebook',
  accountId: PAGE_ID,
  target: commentId,
  text,
});

beforeAll(async () => {
  graph = await startMetaGraph();
});
afterAll(async () => graph?.close());
beforeEach(() => {
  commentSeq += 1;
  commentId = `220000000000001_${commentSeq}`;
  graph.fake.addComment({ id: commentId, from: AUTHOR, message: 'I want a refund', postId: POST_ID });
});

describe('Meta PlatformClient, beyond the contract', () => {
  it('declares exactly what it performs', () => {
    const meta = graph.client;
    expect(meta.platforms).toEqual(['facebook', 'messenger', 'instagram']);
    for (const action of ['reply', 'private_reply', 'hide', 'unhide', 'delete', 'block'] as const) {
      expect(meta.supports('facebook', action)).toBe(true);
    }
    expect(meta.supports('facebook', 'send_dm')).toBe(false);
    expect(meta.supports('messenger', 'send_dm')).toBe(true);
    expect(meta.supports('whatsapp', 'send_dm')).toBe(false);
  });

  it('blocks on Instagram only where there is a conversation: offered on a DM, never on a comment', () => {
    const meta = graph.client;
    expect(meta.supports('instagram', 'block')).toBe(true);
    expect(meta.supports('instagram', 'block', 'dm')).toBe(true);
    expect(meta.supports('instagram', 'block', 'comment')).toBe(false);
    expect(meta.supports('instagram', 'block', 'reply')).toBe(false);
    expect(meta.supports('facebook', 'block', 'comment')).toBe(true);
  });

  it('refuses an Instagram block without a conversation as permanent, in words', async () => {
    const error = await rejection(graph.client.perform({ ...request('block'), platform: 'instagram', target: '1999' }));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toMatch(/^Instagram rejected the request on the Instagram conversation with 1999/u);
  });

  it('names Instagram, not Facebook, when an Instagram comment is gone', async () => {
    const error = await rejection(graph.client.perform({ ...request('reply', TEXT), platform: 'instagram', target: '17860000000999' }));
    expect((error as Error).message).toBe('The comment 17860000000999 no longer exists on Instagram (deleted)');
  });

  it('does not mistake another text, someone else’s reply or an old reply for ours', async () => {
    const reply = { message: TEXT, postId: POST_ID, parentId: commentId };
    graph.fake.addComment({ ...reply, id: `${commentId}_x`, from: { id: '999' } });
    graph.fake.addComment({ ...reply, id: `${commentId}_old`, from: PAGE, createdTime: new Date(Date.now() - 600_000) });
    await graph.client.perform(request('reply', 'Something else'));
    expect(await graph.client.findCompleted(request('reply', TEXT), new Date())).toBeUndefined();
  });

  it('reads a hide back as the hidden state, and an unhide as not done while the comment is hidden', async () => {
    await graph.client.perform(request('hide'));
    expect(await graph.client.findCompleted(request('hide'), new Date())).toMatchObject({ detail: { hidden: true } });
    expect(await graph.client.findCompleted(request('unhide'), new Date())).toBeUndefined();
  });

  it('treats deleting a deleted comment as done', async () => {
    await graph.client.perform(request('delete'));
    expect(await graph.client.findCompleted(request('delete'), new Date())).toMatchObject({ detail: { alreadyGone: true } });
    expect(await graph.client.perform(request('delete'))).toMatchObject({ detail: { alreadyGone: true } });
  });

  it('surfaces a reply to a deleted comment as permanent, in words', async () => {
    await graph.client.perform(request('delete'));
    const error = await rejection(graph.client.perform(request('reply', TEXT)));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toBe(`The comment ${commentId} no longer exists on Facebook (deleted)`);
  });

  it('names a revoked Page token and says how to fix it', async () => {
    graph.fake.revokeToken(graph.token);
    const error = await rejection(graph.client.perform(request('hide')));
    graph.fake.addToken(graph.token, PAGE);
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toMatch(/reconnect the Page and update META_PAGE_ACCESS_TOKEN/u);
  });
});
