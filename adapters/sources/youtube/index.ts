import type { PollingSource, QuotaLedger } from '../../../src/domain/polling-source.js';
import type { PlatformClient } from '../../../src/domain/source.js';
import { createAccessTokens, type YouTubeCredentials } from './access-token.js';
import { createYouTubePlatformClient } from './platform-client.js';
import { createYouTubePoller } from './poller.js';
import type { YouTubeChannel } from './channels.js';
import { routeByChannel } from './channels-client.js';
import { createChannelsPoller } from './channels-poller.js';
import { youtubeNextReset, youtubeQuota } from './quota.js';
import { YouTubeApi } from './youtube-api.js';

export { YOUTUBE_COSTS } from './quota-costs.js';
export { youtubeNextReset, youtubeQuota } from './quota.js';
export { createAccessTokens, type YouTubeCredentials } from './access-token.js';
export { YouTubeApi, unitMeter } from './youtube-api.js';
export { findChannel, findMyChannelId } from './youtube-calls.js';
export { credentialsWith, type YouTubeChannel, youtubeChannels } from './channels.js';

export interface YouTubeSettings {
  channelId: string;
  credentials: YouTubeCredentials;
  apiUrl: string;
  oauthUrl: string;
  dailyQuota: number;
  pollIntervalMs: number;
}

export interface YouTubeOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  ledger?: QuotaLedger;
  timeoutMs?: number;
}

export const createYouTubeApi = (settings: YouTubeSettings, options: YouTubeOptions = {}): YouTubeApi => {
  const now = options.now ?? (() => new Date());
  const fetcher = options.fetch ?? fetch;
  return new YouTubeApi({
    apiUrl: settings.apiUrl,
    tokens: createAccessTokens(settings.credentials, { oauthUrl: settings.oauthUrl, fetch: fetcher, now }),
    now,
    nextReset: youtubeNextReset,
    fetch: fetcher,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
};

const createChannel = (settings: YouTubeSettings, options: YouTubeOptions): { poller: PollingSource; client: PlatformClient } => {
  const now = options.now ?? (() => new Date());
  const api = createYouTubeApi(settings, options);
  const { channelId } = settings;
  return {
    poller: createYouTubePoller({ api, channelId, intervalMs: settings.pollIntervalMs, quota: youtubeQuota(settings.dailyQuota), now }),
    client: createYouTubePlatformClient({
      api,
      channelId,
      now,
      nextReset: youtubeNextReset,
      ...(options.ledger ? { ledger: options.ledger } : {}),
    }),
  };
};

/**
 * The channel's comments as a polled source, and its replies and moderation as a platform client, over
 * one API client. With more channels (`channels`, the first being `settings.channelId`), each has its
 * own API client (its own token) and cursor, but they are polled as ONE source on the project's one quota.
 */
export const createYouTube = (
  settings: YouTubeSettings,
  options: YouTubeOptions & { channels?: readonly YouTubeChannel[] } = {},
): { poller: PollingSource; client: PlatformClient } => {
  const channels = options.channels ?? [];
  if (channels.length <= 1) return createChannel(channels[0] ? { ...settings, ...channels[0] } : settings, options);
  const each = channels.map((channel) => ({ channelId: channel.channelId, ...createChannel({ ...settings, ...channel }, options) }));
  const first = each[0]!;
  return {
    poller: createChannelsPoller(
      first.poller,
      each.map(({ channelId, poller }) => ({ channelId, poll: poller.poll })),
    ),
    client: routeByChannel(new Map(each.map(({ channelId, client }) => [channelId, client])), first.client),
  };
};
