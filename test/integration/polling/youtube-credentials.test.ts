import { afterEach, describe, expect, it } from 'vitest';
import { PermanentPlatformError } from '../../../src/errors.js';
import { loadConfig } from '../../../src/config.js';
import { runPoll } from '../../../src/polling/run-poll.js';
import { rejection } from '../../contract/rejection.js';
import { usePollingServices } from './polling-services.js';
import {
  CHANNEL_ID,
  forgetYouTube,
  OAUTH_CLIENT,
  SECOND,
  startYouTubeWorld,
  testClock,
  TOKEN,
  type YouTubeWorld,
} from './youtube-world.js';

const services = usePollingServices();
const START = new Date('2026-07-01T12:00:00Z');
const HOUR = 60 * 60 * SECOND;
const REFRESHABLE = {
  kind: 'refresh_token',
  clientId: OAUTH_CLIENT.id,
  clientSecret: OAUTH_CLIENT.secret,
  refreshToken: OAUTH_CLIENT.refreshToken,
} as const;
let world: YouTubeWorld | undefined;
afterEach(async () => world?.close());

const open = async (credentials: YouTubeWorld['settings']['credentials']) => {
  const clock = testClock(START);
  await forgetYouTube(services);
  world = await startYouTubeWorld(services, clock, { credentials });
  world.fake.addComment({ videoId: 'video-1', authorChannelId: 'UCviewer', text: 'Hello' });
  return { world, clock };
};

const hide = (target: YouTubeWorld) =>
  target.client.perform({ platform: 'youtube', kind: 'hide', accountId: CHANNEL_ID, target: [...target.fake.comments.keys()][0]! });
const tokenCalls = (target: YouTubeWorld) => target.fake.calls.filter((call) => call.path === '/token');
const bearers = (target: YouTubeWorld) => target.fake.apiCalls().length;

describe('YouTube credentials', () => {
  it('a ready access token is sent as it is, and a 401 is a refusal for good', async () => {
    const { world } = await open({ kind: 'access_token', accessToken: TOKEN });
    expect(await runPoll(world.deps, world.poller)).toMatchObject({ status: 'polled', stored: 1 });
    expect(tokenCalls(world)).toHaveLength(0);
    world.fake.revokeToken(TOKEN);
    const error = await rejection(hide(world));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toMatch(/YOUTUBE_REFRESH_TOKEN|YOUTUBE_ACCESS_TOKEN/u);
    expect(tokenCalls(world)).toHaveLength(0);
  });

  it('client credentials and a refresh token: one refresh, cached until the token expires', async () => {
    const { world, clock } = await open(REFRESHABLE);
    expect(await runPoll(world.deps, world.poller)).toMatchObject({ status: 'polled', stored: 1 });
    await hide(world);
    expect(tokenCalls(world)).toHaveLength(1);
    expect(tokenCalls(world)[0]?.body).toContain('grant_type=refresh_token');
    expect(bearers(world)).toBe(2);

    clock.advance(HOUR);
    await hide(world);
    expect(tokenCalls(world)).toHaveLength(2);
  });

  it('a 401 refreshes once and tries again', async () => {
    const { world } = await open(REFRESHABLE);
    await hide(world);
    world.fake.revokeToken(world.fake.issuedTokens[0]!);
    await hide(world);
    expect(tokenCalls(world)).toHaveLength(2);
    expect(world.fake.apiCalls().map((call) => call.units > 0)).toEqual([true, false, true]);
  });

  it('a refresh token Google refuses is a refusal for good that names what to fix', async () => {
    const { world } = await open({ ...REFRESHABLE, refreshToken: '1//revoked' });
    const error = await rejection(hide(world));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toMatch(/invalid_grant.*YOUTUBE_REFRESH_TOKEN/u);
    expect(world.fake.apiCalls()).toHaveLength(0);
  });
});

describe('YouTube configuration', () => {
  const base = { YOUTUBE_CHANNEL_ID: CHANNEL_ID };

  it('is on with a channel and either credential, the refresh token preferred', () => {
    expect(loadConfig({ ...base, YOUTUBE_ACCESS_TOKEN: TOKEN }).youtube).toMatchObject({
      channelId: CHANNEL_ID,
      credentials: { kind: 'access_token' },
      dailyQuota: 10_000,
      pollIntervalMs: 15_000,
      apiUrl: 'https://www.googleapis.com/youtube/v3',
      oauthUrl: 'https://oauth2.googleapis.com/token',
    });
    const both = loadConfig({
      ...base,
      YOUTUBE_ACCESS_TOKEN: TOKEN,
      YOUTUBE_CLIENT_ID: 'id',
      YOUTUBE_CLIENT_SECRET: 'secret',
      YOUTUBE_REFRESH_TOKEN: 'refresh',
    });
    expect(both.youtube?.credentials.kind).toBe('refresh_token');
    expect(loadConfig({}).youtube).toBeUndefined();
  });

  it('stops with one line naming what is missing', () => {
    expect(() => loadConfig(base)).toThrow(/YOUTUBE_CHANNEL_ID is set but no credential/u);
    expect(() => loadConfig({ YOUTUBE_ACCESS_TOKEN: TOKEN })).toThrow(/YOUTUBE_CHANNEL_ID: not set/u);
    expect(() => loadConfig({ ...base, YOUTUBE_CLIENT_ID: 'id' })).toThrow(/YOUTUBE_CLIENT_SECRET, YOUTUBE_REFRESH_TOKEN: not set/u);
    expect(() => loadConfig({ ...base, YOUTUBE_ACCESS_TOKEN: TOKEN, YOUTUBE_DAILY_QUOTA: 'lots' })).toThrow(/YOUTUBE_DAILY_QUOTA/u);
  });
});
