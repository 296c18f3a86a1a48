import { createYouTubeApi, findChannel, unitMeter, youtubeNextReset, youtubeQuota } from '../../adapters/sources/youtube/index.js';
import type { Config } from '../config.js';
import { RateLimitedError } from '../errors.js';
import { connectDb } from '../store/db.js';
import { findQuotaUsage, recordQuotaSpend } from '../store/polling-cursors.js';
import type { DoctorCheck } from './doctor.js';

type YouTubeConfig = NonNullable<Config['youtube']>;

const credentialName = (youtube: YouTubeConfig): string =>
  youtube.credentials.kind === 'refresh_token' ? 'the refresh token (YOUTUBE_CLIENT_ID/SECRET/REFRESH_TOKEN)' : 'YOUTUBE_ACCESS_TOKEN';

/** The day's figures from the ledger polling and actions share: what is spent, what is kept back, when it resets. */
const quotaLine = async (config: Readonly<Config>, youtube: YouTubeConfig, spent: number): Promise<string> => {
  const { db } = connectDb(config.databaseUrl, { max: 1 });
  try {
    const now = new Date();
    if (spent > 0) await recordQuotaSpend(db, { source: 'youtube', units: spent, quotaResetsAt: youtubeNextReset(now), now });
    const usage = (await findQuotaUsage(db, now)).find((row) => row.source === 'youtube');
    const reserve = youtubeQuota(youtube.dailyQuota).reserveUnits;
    const used = usage?.unitsUsed ?? spent;
    const paused =
      usage?.lastError && usage.nextPollAt && usage.nextPollAt > now
        ? `; paused until ${usage.nextPollAt.toISOString()}: ${usage.lastError}`
        : '';
    return `quota ${used} of ${youtube.dailyQuota} units used today (${reserve} kept for replies and moderation), resets ${youtubeNextReset(now).toISOString()}${paused}`;
  } finally {
    await db.destroy();
  }
};

/** Whether the credentials reach the channel (channels.list, 1 unit), and the quota ledger's figures. */
export const youtubeDoctorCheck = (config: Readonly<Config>): DoctorCheck => ({
  name: 'youtube',
  ...(config.youtube
    ? {}
    : { skip: 'not configured (set YOUTUBE_CHANNEL_ID and YOUTUBE_CLIENT_ID/SECRET/REFRESH_TOKEN or YOUTUBE_ACCESS_TOKEN)' }),
  run: async () => {
    const youtube = config.youtube!;
    const meter = unitMeter();
    const api = createYouTubeApi(youtube, { timeoutMs: 4_000 });
    let reached: string;
    try {
      const channel = await findChannel(api, meter, youtube.channelId);
      if (channel === undefined) throw new Error(`channel ${youtube.channelId} was not found — check YOUTUBE_CHANNEL_ID`);
      reached = `channel ${youtube.channelId} reached with ${credentialName(youtube)}`;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      reached = `WARNING: ${error.message}`;
    }
    return `${reached}; ${await quotaLine(config, youtube, meter.units)}`;
  },
});
