import { createYouTube, type YouTubeSettings } from '../../../adapters/sources/youtube/index.js';
import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest, PlatformClient } from '../../../src/domain/source.js';
import { FakeYouTube, youtubeErrorBody } from '../../fakes/fake-youtube.js';
import type { PlatformClientSubject, PlatformEffect } from './platform-client-subject.js';

export const CHANNEL_ID = 'UCacmeOutdoor0000000000';
const TOKEN = 'ya29.ready-token';
const VIDEO_ID = 'dQw4w9WgXcQ';
const ANY_CALL = /.*/u;
const A_WRITE = /^POST /u;
// Generous for calls that should succeed (the test machine is shared and busy); short for the one that waits it out.
const TIMEOUT_MS = 5_000;
const IMPATIENT_TIMEOUT_MS = 1_000;
const READ_BACK: readonly PlatformAction[] = ['reply', 'hide', 'unhide', 'delete'];

const settingsFor = (apiUrl: string, oauthUrl: string): YouTubeSettings => ({
  channelId: CHANNEL_ID,
  credentials: { kind: 'access_token', accessToken: TOKEN },
  apiUrl,
  oauthUrl,
  dailyQuota: 10_000,
  pollIntervalMs: 15_000,
});

const effectsOn = (fake: FakeYouTube, request: PlatformActionRequest): PlatformEffect[] => {
  const comment = fake.comments.get(request.target);
  switch (request.kind) {
    case 'reply':
      return fake
        .repliesTo(request.target.split('.')[0] ?? request.target)
        .filter((reply) => reply.authorChannelId === request.accountId && reply.text === request.text)
        .map((reply) => ({ externalId: reply.id }));
    case 'hide':
      return comment?.moderationStatus === 'heldForReview' ? [{}] : [];
    case 'unhide':
      return comment?.moderationStatus === 'published' ? [{}] : [];
    case 'delete':
      return comment?.moderationStatus === 'rejected' ? [{}] : [];
    case 'block':
      return fake.bannedAuthors.filter((author) => author === request.target).map(() => ({}));
    default:
      return [];
  }
};

/** The YouTube client (plain fetch over the Data API) as the platform-client contract sees it. */
export const createYouTubeSubject = async (): Promise<PlatformClientSubject> => {
  const fake = new FakeYouTube({ channelId: CHANNEL_ID, tokens: [TOKEN] });
  const { apiUrl, oauthUrl } = await fake.start();
  // Node loads its fetch on first use: not within the impatient client's timeout.
  await fetch(`${apiUrl}/channels?part=id&id=${CHANNEL_ID}`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
  const clientWaiting = (timeoutMs: number): PlatformClient => createYouTube(settingsFor(apiUrl, oauthUrl), { timeoutMs }).client;
  let sequence = 0;

  const prepare = async (platform: string, kind: PlatformAction): Promise<PlatformActionRequest> => {
    sequence += 1;
    const author = `UCviewer${sequence}`;
    const comment = fake.addComment({
      videoId: VIDEO_ID,
      authorChannelId: author,
      authorDisplayName: 'Dana Whitfield',
      text: 'I want a refund',
      moderationStatus: kind === 'unhide' ? 'heldForReview' : 'published',
    });
    const request = { platform, kind, accountId: CHANNEL_ID, ...(kind === 'reply' ? { text: `We are on it (${sequence})` } : {}) };
    return { ...request, target: kind === 'block' ? author : comment.id };
  };

  return {
    client: clientWaiting(TIMEOUT_MS),
    impatientClient: clientWaiting(IMPATIENT_TIMEOUT_MS),
    prepare,
    effects: async (request) => effectsOn(fake, request),
    readsBack: (platform, kind) => platform === 'youtube' && READ_BACK.includes(kind),
    callCount: () => fake.apiCalls().length,
    failNext: {
      serverError: () => fake.failNext(ANY_CALL, { status: 503, body: youtubeErrorBody(503, 'backendError', 'Backend Error', 'global') }),
      rateLimited: (seconds) =>
        fake.failNext(ANY_CALL, {
          status: 429,
          headers: { 'Retry-After': String(seconds) },
          body: youtubeErrorBody(
            429,
            'rateLimitExceeded',
            'The request cannot be completed because you have exceeded your rate limit.',
            'youtube.quota',
          ),
        }),
    },
    refuseForGood: async () => fake.revokeToken(TOKEN),
    holdNextAnswer: () => fake.holdNext(A_WRITE),
    close: () => fake.close(),
  };
};
