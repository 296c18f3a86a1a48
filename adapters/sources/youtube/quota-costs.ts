/*
 * Units each call costs. Google's quota table gives flat costs (a list 1, a write 50), while the
 * newest per-method pages add 2 units per returned part (`snippet`, `replies`). We count the higher
 * figures: over-counting polls a little less often, under-counting would run out before the reset.
 */
export const YOUTUBE_COSTS = {
  /** commentThreads.list with part=snippet,replies: 1 + 2 + 2. */
  listThreads: 5,
  /** comments.list with part=snippet: 1 + 2. */
  listComments: 3,
  /** comments.insert with part=snippet: 50 + 2. */
  insertReply: 52,
  setModerationStatus: 50,
  /** channels.list with part=id, for doctor. */
  listChannels: 1,
} as const;

export type YouTubeCall = keyof typeof YOUTUBE_COSTS;
