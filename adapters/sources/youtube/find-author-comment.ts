import type { ModerationStatus } from './schema.js';
import { MAX_LOOKUP_PAGES, type ReadBackScope } from './read-back.js';
import { listThreads } from './youtube-calls.js';

/**
 * YouTube bans an author only through one of their comments (setModerationStatus … banAuthor=true),
 * while a Block is aimed at the author: the newest comment of theirs on the channel's videos, published
 * or held, is the one rejected with the ban.
 */
export const findAuthorComment = async (scope: ReadBackScope, authorChannelId: string): Promise<string | undefined> => {
  for (const moderationStatus of ['published', 'heldForReview'] as const satisfies ModerationStatus[]) {
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
      const answer = await listThreads(scope.api, scope.meter, {
        channelId: scope.channelId,
        moderationStatus,
        ...(pageToken ? { pageToken } : {}),
      });
      const comments = answer.items.flatMap((thread) => [thread.snippet.topLevelComment, ...(thread.replies?.comments ?? [])]);
      const theirs = comments.find((comment) => comment.snippet.authorChannelId?.value === authorChannelId);
      if (theirs !== undefined) return theirs.id;
      pageToken = answer.nextPageToken;
      if (pageToken === undefined) break;
    }
  }
  return undefined;
};
