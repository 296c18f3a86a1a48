import { MAX_TRACKED_THREADS, seenBefore, type YouTubeCursor } from './cursor.js';
import { addThreads, type PollRead, type PollScope } from './poll-read.js';
import type { YouTubeComment, YouTubeThread } from './schema.js';
import { listReplies, listThreads } from './youtube-calls.js';
import { YOUTUBE_COSTS } from './quota-costs.js';
import { sweepOnePage } from './sweep.js';

const affordable = (scope: PollScope, cost: number): boolean => scope.meter.units + cost <= scope.budget;

export const isNewThread = (cursor: YouTubeCursor, thread: YouTubeThread): boolean =>
  !seenBefore(cursor, thread.snippet.topLevelComment.snippet.publishedAt, thread.id);

/**
 * Newest first, page after page, until a page ends with a thread older than the cursor; false when the
 * budget ends first. Resolves with the token of the page after the last one read.
 */
const readThreadsDownToCursor = async (scope: PollScope, read: PollRead): Promise<{ done: boolean; nextPageToken?: string }> => {
  let pageToken: string | undefined;
  for (;;) {
    if (!affordable(scope, YOUTUBE_COSTS.listThreads)) return { done: false };
    const page = await listThreads(scope.api, scope.meter, { channelId: scope.channelId, ...(pageToken ? { pageToken } : {}) });
    addThreads(read, page.items);
    const last = page.items.at(-1);
    // The order is by time; whether a thread's own time or its latest reply's is not documented, so a
    // page is read whole and paging stops only once the page's last thread is older than the mark.
    const reachedCursor =
      last !== undefined && Date.parse(last.snippet.topLevelComment.snippet.publishedAt) < Date.parse(scope.cursor.mark);
    if (reachedCursor || page.nextPageToken === undefined)
      return { done: true, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    pageToken = page.nextPageToken;
  }
};

/** Worth a comments.list (3 units): a thread new to us, or one whose reply count grew, with more replies than it carries. */
export const needsAllReplies = (cursor: YouTubeCursor, thread: YouTubeThread): boolean => {
  const total = thread.snippet.totalReplyCount;
  if (total <= (thread.replies?.comments.length ?? 0)) return false;
  if (isNewThread(cursor, thread)) return true;
  const known = cursor.replyCounts[thread.id];
  return known !== undefined && total > known;
};

const readAllReplies = async (scope: PollScope, parentId: string): Promise<YouTubeComment[] | undefined> => {
  const replies: YouTubeComment[] = [];
  let pageToken: string | undefined;
  do {
    if (!affordable(scope, YOUTUBE_COSTS.listComments)) return undefined;
    const page = await listReplies(scope.api, scope.meter, { parentId, ...(pageToken ? { pageToken } : {}) });
    replies.push(...page.items);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  return replies;
};

/**
 * Reads what is new since the cursor into `read` as it goes, so a quotaExceeded part-way keeps what
 * was read before it.
 */
export const readSinceCursor = async (scope: PollScope, read: PollRead): Promise<void> => {
  const newest = await readThreadsDownToCursor(scope, read);
  if (!newest.done) return;
  read.sweep = await sweepOnePage(scope, read, newest.nextPageToken);
  for (const thread of read.threads.filter((candidate) => needsAllReplies(scope.cursor, candidate))) {
    const replies = await readAllReplies(scope, thread.id);
    if (replies === undefined) return;
    read.allReplies.set(thread.id, replies);
  }
  read.complete = true;
};

/** The cursor after a complete read: the newest thread time and the ids at it, and the reply counts just seen. */
export const advanceCursor = (cursor: YouTubeCursor, read: PollRead): YouTubeCursor => {
  const fresh = read.threads.filter((thread) => isNewThread(cursor, thread));
  const newest = Math.max(
    Date.parse(cursor.mark),
    ...fresh.map((thread) => Date.parse(thread.snippet.topLevelComment.snippet.publishedAt)),
  );
  const atNewest = fresh
    .filter((thread) => Date.parse(thread.snippet.topLevelComment.snippet.publishedAt) === newest)
    .map((thread) => thread.id);
  const sameMark = newest === Date.parse(cursor.mark);
  const counts = new Map(read.threads.map((thread) => [thread.id, thread.snippet.totalReplyCount] as const));
  for (const [id, count] of Object.entries(cursor.replyCounts)) if (!counts.has(id)) counts.set(id, count);
  return {
    v: 1,
    mark: new Date(newest).toISOString(),
    atMark: sameMark ? [...new Set([...cursor.atMark, ...atNewest])] : atNewest,
    replyCounts: Object.fromEntries([...counts].slice(0, MAX_TRACKED_THREADS)),
    sweep: read.sweep,
  };
};
