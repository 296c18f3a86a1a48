import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { youtubeDoctorCheck } from '../../../src/cli/doctor-youtube.js';
import { loadConfig } from '../../../src/config.js';
import { findQuotaUsage } from '../../../src/store/polling-cursors.js';
import { FakeYouTube } from '../../fakes/fake-youtube.js';
import { usePollingServices } from './polling-services.js';
import { CHANNEL_ID, forgetYouTube, TOKEN } from './youtube-world.js';

const services = usePollingServices();
let fake: FakeYouTube;
let env: Record<string, string>;

beforeEach(async () => {
  await forgetYouTube(services);
  fake = new FakeYouTube({ channelId: CHANNEL_ID, tokens: [TOKEN] });
  const { apiUrl, oauthUrl } = await fake.start();
  env = {
    DATABASE_URL: services.database.url,
    YOUTUBE_CHANNEL_ID: CHANNEL_ID,
    YOUTUBE_ACCESS_TOKEN: TOKEN,
    YOUTUBE_API_URL: apiUrl,
    GOOGLE_OAUTH_URL: oauthUrl,
  };
});
afterEach(async () => fake.close());

describe('switchboard doctor: youtube', () => {
  it('reaches the channel and reports the units used today from the shared ledger', async () => {
    const line = await youtubeDoctorCheck(loadConfig(env)).run();
    expect(line).toMatch(/channel UCacmeOutdoor0000000000 reached with YOUTUBE_ACCESS_TOKEN/u);
    expect(line).toMatch(/quota 1 of 10000 units used today \(1200 kept for replies and moderation\), resets /u);
    const [usage] = await findQuotaUsage(services.database.db, new Date());
    expect(usage?.unitsUsed).toBe(fake.unitsUsed);
  });

  it('says what to fix when the token is refused or the channel unknown', async () => {
    fake.revokeToken(TOKEN);
    await expect(youtubeDoctorCheck(loadConfig(env)).run()).rejects.toThrow(/YOUTUBE_ACCESS_TOKEN/u);
    await expect(youtubeDoctorCheck(loadConfig({ ...env, YOUTUBE_CHANNEL_ID: 'UCsomeoneElse' })).run()).rejects.toThrow();
  });

  it('warns, without failing, when the day’s quota is spent', async () => {
    fake.spendElsewhere(fake.dailyQuota);
    expect(await youtubeDoctorCheck(loadConfig(env)).run()).toMatch(/^WARNING: YouTube's daily quota is spent/u);
  });

  it('is skipped when YouTube is not configured', () => {
    expect(youtubeDoctorCheck(loadConfig({})).skip).toMatch(/YOUTUBE_CHANNEL_ID/u);
  });
});
