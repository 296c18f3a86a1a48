import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createYouTube, type YouTubeSettings, youtubeChannels, youtubeQuota } from '../../../adapters/sources/youtube/index.js';
import { accountDirectory } from '../../../src/domain/accounts.js';
import type { PollingSource } from '../../../src/domain/polling-source.js';
import type { PlatformClient } from '../../../src/domain/source.js';
import { silentLogger } from '../../../src/logger.js';
import { createQuotaLedger } from '../../../src/polling/quota-ledger.js';
import { type PollDeps, runPoll } from '../../../src/polling/run-poll.js';
import { createEventWriter } from '../../../src/store/event-writer.js';
import { findQuotaUsage } from '../../../src/store/polling-cursors.js';
import { createChannelsPoller } from '../../../adapters/sources/youtube/channels-poller.js';
import { FakeYouTube } from '../../fakes/fake-youtube.js';
import { usePollingServices } from './polling-services.js';
import { CHANNEL_ID, OAUTH_CLIENT, SECOND, storedCommentIds, testClock } from './youtube-world.js';

/** A second channel of the brand, authorised on the same OAuth client (the same Google Cloud project, so the same quota). */
const OUTLET = { channelId: 'UCacmeOutlet00000000000', refreshToken: '1//refresh-token-outlet', video: 'outlet-video-1' };
const MAIN_VIDEO = 'main-video-1';

const services = usePollingServices();
const clock = testClock(new Date('2026-07-01T12:00:00Z'));
const fake = new FakeYouTube({
  channelId: CHANNEL_ID,
  oauthClients: { [OAUTH_CLIENT.id]: { secret: OAUTH_CLIENT.secret, refreshTokens: [OAUTH_CLIENT.refreshToken] } },
  now: clock.now,
});
fake.addChannel(OUTLET.channelId, { refreshToken: { clientId: OAUTH_CLIENT.id, token: OUTLET.refreshToken }, videoIds: [OUTLET.video] });
let poller: PollingSource;
let client: PlatformClient;
let deps: PollDeps;

beforeAll(async () => {
  const { apiUrl, oauthUrl } = await fake.start();
  const credentials = {
    kind: 'refresh_token',
    clientId: OAUTH_CLIENT.id,
    clientSecret: OAUTH_CLIENT.secret,
    refreshToken: OAUTH_CLIENT.refreshToken,
  } as const;
  const settings: YouTubeSettings = {
    channelId: CHANNEL_ID,
    credentials,
    apiUrl,
    oauthUrl,
    dailyQuota: 10_000,
    pollIntervalMs: 15 * SECOND,
  };
  // The playbook's entry, its token_env already read: the outlet channel's refresh token.
  const accounts = accountDirectory([
    {
      platform: 'youtube',
      accountId: OUTLET.channelId,
      name: 'Acme Outlet',
      tokenEnv: 'YOUTUBE_TOKEN_OUTLET',
      token: OUTLET.refreshToken,
      cardChannels: {},
    },
  ]);
  const db = services.database.db;
  const channels = youtubeChannels({ channelId: CHANNEL_ID, credentials }, accounts);
  ({ poller, client } = createYouTube(settings, { now: clock.now, ledger: createQuotaLedger(db, clock.now), channels }));
  deps = {
    db,
    events: createEventWriter(db),
    queue: services.queues,
    logger: silentLogger(),
    now: clock.now,
    holder: 'worker-1',
    leaseMs: 60 * SECOND,
  };
});
afterAll(() => fake.close());

const comment = (videoId: string, text: string) => fake.addComment({ videoId, authorChannelId: `UCviewer${text.length}`, text }).id;
const pollWhenDue = async () => {
  const outcome = await runPoll(deps, poller);
  if (outcome.status === 'polled') clock.set(outcome.nextPollAt);
  return outcome;
};

describe('two YouTube channels on one project', () => {
  it('polls both channels as one source: each comment found once, one quota ledger for both', async () => {
    const first = [comment(MAIN_VIDEO, 'main one'), comment(MAIN_VIDEO, 'main two'), comment(OUTLET.video, 'outlet one')];
    expect(await pollWhenDue()).toMatchObject({ status: 'polled', stored: 3 });
    const later = [comment(OUTLET.video, 'outlet two'), comment(MAIN_VIDEO, 'main three')];
    expect(await pollWhenDue()).toMatchObject({ status: 'polled', stored: 2 });
    expect(await pollWhenDue()).toMatchObject({ status: 'polled', stored: 0 });

    const stored = await storedCommentIds(services);
    expect(stored.toSorted()).toEqual([...first, ...later].toSorted());
    // Each channel was read with its own token: the fake lists a channel's threads only to that channel's owner.
    const listed = fake.apiCalls().filter((call) => call.path === '/commentThreads' && call.units > 1);
    expect(new Set(listed.map((call) => call.params.allThreadsRelatedToChannelId))).toEqual(new Set([CHANNEL_ID, OUTLET.channelId]));

    // One row, `youtube`: the project's units, whichever channel spent them.
    const usage = await findQuotaUsage(services.database.db, clock.now());
    expect(usage.map((row) => row.source)).toEqual(['youtube']);
    expect(usage[0]?.unitsUsed).toBe(fake.unitsUsed);
    // The planner spaces polls by a quiet round over both channels.
    expect(poller.quota?.pollUnits).toBe(2 * (youtubeQuota(10_000).pollUnits ?? 0));
  });

  it('a channel that fails keeps its cursor and is read next poll; the other channel goes on', async () => {
    const onMain = comment(MAIN_VIDEO, 'main during an outage');
    const onOutlet = comment(OUTLET.video, 'outlet during an outage');
    // The first channel's read (the main channel's) fails once.
    fake.failNext(/^GET \/commentThreads$/u, {
      status: 503,
      body: { error: { code: 503, message: 'Backend Error', errors: [{ reason: 'backendError' }] } },
    });
    expect(await pollWhenDue()).toMatchObject({ status: 'polled', stored: 1 });
    expect(await storedCommentIds(services)).toContain(onOutlet);
    expect(await storedCommentIds(services)).not.toContain(onMain);
    expect(await pollWhenDue()).toMatchObject({ status: 'polled', stored: 1 });
    expect(await storedCommentIds(services)).toContain(onMain);
  });

  it('replies and moderates with the channel’s own token, on the same ledger', async () => {
    const onOutlet = comment(OUTLET.video, 'a refund for the outlet boots?');
    const onMain = comment(MAIN_VIDEO, 'a refund for the stove?');
    await client.perform({ platform: 'youtube', kind: 'reply', accountId: OUTLET.channelId, target: onOutlet, text: 'Sorry — DM us' });
    await client.perform({ platform: 'youtube', kind: 'reply', accountId: CHANNEL_ID, target: onMain, text: 'Sorry — DM us' });
    await client.perform({ platform: 'youtube', kind: 'hide', accountId: OUTLET.channelId, target: onOutlet });
    // The fake refuses a reply or moderation by a channel on another channel's video: the right token is the only way through.
    expect(fake.repliesTo(onOutlet).map((reply) => reply.authorChannelId)).toEqual([OUTLET.channelId]);
    expect(fake.repliesTo(onMain).map((reply) => reply.authorChannelId)).toEqual([CHANNEL_ID]);
    expect(fake.comments.get(onOutlet)?.moderationStatus).toBe('heldForReview');
    const [usage] = await findQuotaUsage(services.database.db, clock.now());
    expect(usage?.unitsUsed).toBe(fake.unitsUsed);
  });
});

describe('the channels’ cursors', () => {
  /** Records the cursor each channel was given and answers with the next one. */
  const recording = (channelId: string, seen: Record<string, (string | null)[]>) => ({
    channelId,
    poll: async (cursor: string | null) => {
      (seen[channelId] ??= []).push(cursor);
      return { items: [], cursor: `${channelId}-after-${cursor ?? 'start'}`, unitsUsed: 5 };
    },
  });

  it('a cursor stored before a second channel was mapped stays the first channel’s; each channel then keeps its own', async () => {
    const seen: Record<string, (string | null)[]> = {};
    const single = createYouTube({
      channelId: CHANNEL_ID,
      credentials: { kind: 'access_token', accessToken: 'unused' },
      apiUrl: 'http://127.0.0.1:9',
      oauthUrl: 'http://127.0.0.1:9',
      dailyQuota: 10_000,
      pollIntervalMs: 15 * SECOND,
    }).poller;
    const both = createChannelsPoller(single, [recording(CHANNEL_ID, seen), recording(OUTLET.channelId, seen)]);
    const first = await both.poll('{"v":1,"single":"cursor"}', { units: 100 });
    const second = await both.poll(first.cursor, { units: 100 });
    expect(seen[CHANNEL_ID]).toEqual(['{"v":1,"single":"cursor"}', `${CHANNEL_ID}-after-{"v":1,"single":"cursor"}`]);
    expect(seen[OUTLET.channelId]).toEqual([null, `${OUTLET.channelId}-after-start`]);
    expect(second.unitsUsed).toBe(10);
  });
});
