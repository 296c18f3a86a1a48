import { dailyResetAt } from '../../../src/domain/daily-reset.js';
import type { PollQuota } from '../../../src/domain/polling-source.js';
import { YOUTUBE_COSTS } from './quota-costs.js';
import { SWEEP_EVERY_POLLS } from './sweep.js';

/** YouTube's quota day ends at midnight Pacific time (PST or PDT, whichever is in force). */
export const youtubeNextReset = dailyResetAt('America/Los_Angeles');

/** The share of the day's units polling leaves for replies and moderation (1,200 of 10,000: 23 replies). */
export const RESERVE_SHARE = 0.12;

export const youtubeQuota = (unitsPerDay: number): PollQuota => ({
  unitsPerDay,
  nextReset: youtubeNextReset,
  reserveUnits: Math.floor(unitsPerDay * RESERVE_SHARE),
  // A page of the newest threads, and every few polls one sweep page more.
  pollUnits: Math.ceil(YOUTUBE_COSTS.listThreads * (1 + 1 / SWEEP_EVERY_POLLS)),
});
