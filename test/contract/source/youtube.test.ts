import { eventually } from '../../support/app-harness.js';
import { FakeYouTube } from '../../fakes/fake-youtube.js';
import { runSourceCoreLoop } from './source-core-loop.js';
import type { InboundMessage, SourceSubject } from './source-subject.js';

const CHANNEL_ID = 'UCacmeOutdoor0000000000';
const TOKEN = 'ya29.core-loop-token';
// Plenty of units, so the planner polls at the short test interval instead of spreading polls over the day.
const QUOTA = 100_000_000;

/** YouTube comments: placed on the fake Data API, found by the poller; replies and moderation go back to it. */
const makeYouTube = async (): Promise<SourceSubject> => {
  const fake = new FakeYouTube({ channelId: CHANNEL_ID, tokens: [TOKEN], dailyQuota: QUOTA });
  const { apiUrl, oauthUrl } = await fake.start();
  const commentId = (message: InboundMessage) => `Ug${message.id.replace(/[^A-Za-z0-9]/gu, '')}`;
  // Each poll starts with the first page of the newest threads (no page token, no moderation filter).
  const pollsStarted = () =>
    fake
      .apiCalls()
      .filter(
        (call) => call.path === '/commentThreads' && call.params.pageToken === undefined && call.params.moderationStatus === undefined,
      ).length;
  // Polls of one source never overlap: once two more have started, the first of them read the comment and stored it.
  const deliver = async (_appUrl: string, message: InboundMessage) => {
    if (!fake.comments.has(commentId(message))) {
      fake.addComment({
        id: commentId(message),
        videoId: 'vid-core-loop',
        authorChannelId: message.authorId,
        authorDisplayName: message.authorName,
        text: message.text,
      });
    }
    const before = pollsStarted();
    await eventually(async () => pollsStarted() >= before + 2, 'the poller to read the comment and store it');
  };
  return {
    platform: 'youtube',
    env: {
      YOUTUBE_CHANNEL_ID: CHANNEL_ID,
      YOUTUBE_ACCESS_TOKEN: TOKEN,
      YOUTUBE_API_URL: apiUrl,
      GOOGLE_OAUTH_URL: oauthUrl,
      YOUTUBE_DAILY_QUOTA: String(QUOTA),
      YOUTUBE_POLL_INTERVAL_MS: '100',
    },
    deliver,
    redeliver: deliver,
    replies: async (message) =>
      fake
        .repliesTo(commentId(message))
        .filter((reply) => reply.authorChannelId === CHANNEL_ID)
        .map((reply) => reply.text),
    isHidden: async (message) => fake.comments.get(commentId(message))?.moderationStatus === 'heldForReview',
    close: () => fake.close(),
  };
};

runSourceCoreLoop('YouTube comments (polled)', makeYouTube);
