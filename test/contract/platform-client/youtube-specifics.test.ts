import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createYouTube } from '../../../adapters/sources/youtube/index.js';
import type { PlatformClient } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import { FakeYouTube, youtubeErrorBody } from '../../fakes/fake-youtube.js';
import { rejection } from '../rejection.js';

const CHANNEL_ID = 'UCacmeOutdoor0000000000';
const TOKEN = 'ya29.specifics';
let fake: FakeYouTube;
let client: PlatformClient;

beforeEach(async () => {
  fake = new FakeYouTube({ channelId: CHANNEL_ID, tokens: [TOKEN] });
  const { apiUrl, oauthUrl } = await fake.start();
  client = createYouTube({
    channelId: CHANNEL_ID,
    credentials: { kind: 'access_token', accessToken: TOKEN },
    apiUrl,
    oauthUrl,
    dailyQuota: 10_000,
    pollIntervalMs: 15_000,
  }).client;
});
afterEach(async () => fake.close());

const request = (kind: 'reply' | 'delete' | 'block', target: string, text?: string) => ({
  platform: 'youtube',
  kind,
  accountId: CHANNEL_ID,
  target,
  ...(text ? { text } : {}),
});
const moderationCalls = () => fake.apiCalls().filter((call) => call.path === '/comments/setModerationStatus');

describe('YouTube actions, beyond the contract', () => {
  it('answers a reply under its top-level comment: YouTube has no replies to replies', async () => {
    const top = fake.addComment({ videoId: 'v1', authorChannelId: 'UCa', text: 'Is this waterproof?' });
    const reply = fake.addComment({ videoId: 'v1', authorChannelId: 'UCb', text: 'Same question', parentId: top.id });
    const result = await client.perform(request('reply', reply.id, 'Yes, to 10 m'));
    expect(fake.comments.get(result.externalId!)).toMatchObject({ parentId: top.id, text: 'Yes, to 10 m', authorChannelId: CHANNEL_ID });
  });

  it('Block rejects the author’s newest comment with banAuthor, and names both', async () => {
    fake.addComment({ videoId: 'v1', authorChannelId: 'UCtroll', text: 'first', publishedAt: new Date('2026-07-01T10:00:00Z') });
    const newest = fake.addComment({
      videoId: 'v2',
      authorChannelId: 'UCtroll',
      text: 'second',
      publishedAt: new Date('2026-07-01T11:00:00Z'),
    });
    expect(await client.perform(request('block', 'UCtroll'))).toEqual({ detail: { banned: 'UCtroll', rejected: newest.id } });
    expect(moderationCalls().map((call) => call.params)).toEqual([{ id: newest.id, moderationStatus: 'rejected', banAuthor: 'true' }]);
    expect(fake.bannedAuthors).toEqual(['UCtroll']);
  });

  it('Block finds a held comment too, and says why when the author has none', async () => {
    const held = fake.addComment({ videoId: 'v1', authorChannelId: 'UCheld', text: 'spam', moderationStatus: 'heldForReview' });
    expect(await client.perform(request('block', 'UCheld'))).toMatchObject({ detail: { rejected: held.id } });
    const error = await rejection(client.perform(request('block', 'UCnobody')));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toMatch(/No recent comment by UCnobody/u);
    expect(moderationCalls()).toHaveLength(1);
  });

  it('a rejection of a comment that is already gone counts as done', async () => {
    expect(await client.perform(request('delete', 'UgGone'))).toMatchObject({
      detail: { moderationStatus: 'rejected', alreadyGone: true },
    });
  });

  it('a refusal says what YouTube said and what to check', async () => {
    const top = fake.addComment({ videoId: 'v1', authorChannelId: 'UCa', text: 'Hello' });
    fake.failNext(/^POST \/comments$/u, { status: 403, body: youtubeErrorBody(403, 'forbidden', 'The comment cannot be created.') });
    const error = await rejection(client.perform(request('reply', top.id, 'Hi')));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toMatch(/forbidden.*youtube\.force-ssl/u);
  });
});
