import { dailyResetAt } from '../../../src/domain/daily-reset.js';
import type { PollQuota } from '../../../src/domain/polling-source.js';
import { YOUTUBE_COSTS } from './quota-costs.js';

/** YouTube's quota day ends at midnight Pacific time (PST or PDT, whichever is in force). */
export const youtubeNextReset = dailyResetAt('America/Los_Angeles');

/** The share of the day's units polling leaves for replies and moderation (1,500 of 10,000: about 29 replies). */
export const RESERVE_SHARE = 0.15;

export const youtubeQuota = (unitsPerDay: number): PollQuota => ({
  unitsPerDay,
  nextReset: youtubeNextReset,
  reserveUnits: Math.floor(unitsPerDay * RESERVE_SHARE),
  pollUnits: YOUTUBE_COSTS.listThreads,
});
