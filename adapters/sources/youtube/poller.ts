import type { PollBudget, PollQuota, PollResult, PollingSource } from '../../../src/domain/polling-source.js';
import type { InboundItem } from '../../../src/domain/source.js';
import { readCursor, writeCursor, type YouTubeCursor } from './cursor.js';
import { editItem, newCommentItem, wasEdited, YOUTUBE } from './map.js';
import type { PollRead } from './poll-read.js';
import { advanceCursor, isNewThread, readSinceCursor } from './read-comments.js';
import type { YouTubeComment, YouTubeThread } from './schema.js';
import { unitMeter, type YouTubeApi } from './youtube-api.js';
import { YouTubeQuotaExceededError } from './youtube-errors.js';

export interface YouTubePollerOptions {
  api: YouTubeApi;
  channelId: string;
  /** The shortest time between two polls (15 s unless a test asks for less). */
  intervalMs: number;
  quota: PollQuota;
  now: () => Date;
}

/** A thread's replies as far as this poll knows them: all of them when they were fetched, else the ones it carries. */
const repliesOf = (read: PollRead, thread: YouTubeThread): YouTubeComment[] =>
  read.allReplies.get(thread.id) ?? thread.replies?.comments ?? [];

/** On an old thread: all its replies when its count grew (the store skips those it has); on one not tracked, those after the mark. */
const newRepliesOn = (cursor: YouTubeCursor, thread: YouTubeThread, replies: YouTubeComment[]): YouTubeComment[] => {
  const known = cursor.replyCounts[thread.id];
  if (known !== undefined) return thread.snippet.totalReplyCount > known ? replies : [];
  return replies.filter((reply) => Date.parse(reply.snippet.publishedAt) >= Date.parse(cursor.mark));
};

/**
 * New comments as messages; on threads seen before, new replies as messages and edited comments as
 * edits. A comment found again is the same dedupe key, so the overlap between polls stores nothing.
 */
const itemsOf = (cursor: YouTubeCursor, read: PollRead, channelId: string): InboundItem[] =>
  read.threads.flatMap((thread) => {
    const top = thread.snippet.topLevelComment;
    const replies = repliesOf(read, thread);
    if (isNewThread(cursor, thread)) return [top, ...replies].map((comment) => newCommentItem(comment, channelId));
    const newReplies = newRepliesOn(cursor, thread, replies);
    const edited = [top, ...replies].filter((comment) => wasEdited(comment) && !newReplies.includes(comment));
    return [...newReplies.map((comment) => newCommentItem(comment, channelId)), ...edited.map((comment) => editItem(comment, channelId))];
  });

const pollYouTube = async (options: YouTubePollerOptions, cursorText: string | null, budget: PollBudget): Promise<PollResult> => {
  const cursor = readCursor(cursorText, options.now());
  const meter = unitMeter();
  const read: PollRead = { threads: [], allReplies: new Map(), complete: false, sweep: cursor.sweep };
  const scope = { api: options.api, channelId: options.channelId, cursor, meter, budget: budget.units, now: options.now() };
  try {
    await readSinceCursor(scope, read);
  } catch (error) {
    if (!(error instanceof YouTubeQuotaExceededError)) throw error;
    // What was read before the refusal is kept; the cursor stays, so the rest is read after the reset.
    return { items: itemsOf(cursor, read, options.channelId), cursor: cursorText, unitsUsed: meter.units, quotaExceeded: error.message };
  }
  // An incomplete read (the budget ran out) keeps the cursor too: the next poll reads the same stretch again.
  const next = read.complete ? writeCursor(advanceCursor(cursor, read)) : cursorText;
  return { items: itemsOf(cursor, read, options.channelId), cursor: next, unitsUsed: meter.units };
};

/** The channel's comments, polled newest first down to the stored cursor, within the quota the planner leaves. */
export const createYouTubePoller = (options: YouTubePollerOptions): PollingSource => ({
  name: YOUTUBE,
  intervalMs: options.intervalMs,
  quota: options.quota,
  poll: (cursor, budget) => pollYouTube(options, cursor, budget),
});
