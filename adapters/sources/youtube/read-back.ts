import type { PlatformActionRequest, PlatformActionResult } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import { youtubeReadsBack } from './capabilities.js';
import { topLevelIdOf } from './map.js';
import type { YouTubeComment } from './schema.js';
import type { UnitMeter, YouTubeApi } from './youtube-api.js';
import { getComment, listReplies, listThreads } from './youtube-calls.js';

/** Clocks on our side and YouTube's disagree a little; a reply stamped slightly early is still ours. */
const CLOCK_SKEW_MS = 60_000;
/** How far a look-up pages (held comments, replies, an author's comments) before it says it found nothing. */
export const MAX_LOOKUP_PAGES = 5;

export interface ReadBackScope {
  api: YouTubeApi;
  meter: UnitMeter;
  channelId: string;
}

const normalized = (text: string): string => text.replace(/\r\n/gu, '\n').trim();

export const textOf = (request: PlatformActionRequest): string => {
  if (request.text === undefined || request.text.trim() === '') {
    throw new PermanentPlatformError(`A ${request.kind} on YouTube needs a text to send`);
  }
  return request.text;
};

const found = (externalId: string | undefined, detail: Record<string, unknown> = {}): PlatformActionResult => ({
  ...(externalId === undefined ? {} : { externalId }),
  detail: { ...detail, foundOnPlatform: true },
});

const isOurReply = (reply: YouTubeComment, request: PlatformActionRequest, since: Date): boolean =>
  reply.snippet.authorChannelId?.value === request.accountId &&
  normalized(reply.snippet.textOriginal ?? reply.snippet.textDisplay ?? '') === normalized(textOf(request)) &&
  Date.parse(reply.snippet.publishedAt) >= since.getTime() - CLOCK_SKEW_MS;

const findOurReply = async (scope: ReadBackScope, request: PlatformActionRequest, since: Date) => {
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
    const answer = await listReplies(scope.api, scope.meter, {
      parentId: topLevelIdOf(request.target),
      ...(pageToken ? { pageToken } : {}),
    });
    const ours = answer.items.find((reply) => isOurReply(reply, request, since));
    if (ours !== undefined) return found(ours.id);
    pageToken = answer.nextPageToken;
    if (pageToken === undefined) return undefined;
  }
  return undefined;
};

/** Whether the comment is among the channel's held-for-review threads (a top-level one, or a reply a thread carries). */
export const isHeldForReview = async (scope: ReadBackScope, commentId: string): Promise<boolean> => {
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
    const answer = await listThreads(scope.api, scope.meter, {
      channelId: scope.channelId,
      moderationStatus: 'heldForReview',
      ...(pageToken ? { pageToken } : {}),
    });
    const ids = answer.items.flatMap((thread) => [thread.id, ...(thread.replies?.comments.map((reply) => reply.id) ?? [])]);
    if (ids.includes(commentId)) return true;
    pageToken = answer.nextPageToken;
    if (pageToken === undefined) return false;
  }
  return false;
};

/** Looks on YouTube for an action that may have happened; undefined when it did not (or cannot be seen). */
export const findCompletedOnYouTube = async (
  scope: ReadBackScope,
  request: PlatformActionRequest,
  since: Date,
): Promise<PlatformActionResult | undefined> => {
  if (!youtubeReadsBack(request.platform, request.kind)) return undefined;
  switch (request.kind) {
    case 'reply':
      return findOurReply(scope, request, since);
    case 'hide':
      return (await isHeldForReview(scope, request.target)) ? found(undefined, { moderationStatus: 'heldForReview' }) : undefined;
    case 'unhide': {
      if (await isHeldForReview(scope, request.target)) return undefined;
      return (await getComment(scope.api, scope.meter, request.target)) === undefined
        ? undefined
        : found(undefined, { moderationStatus: 'published' });
    }
    case 'delete':
      // A rejected comment is no longer listed; rejecting again would change nothing either.
      return (await getComment(scope.api, scope.meter, request.target)) === undefined
        ? found(undefined, { moderationStatus: 'rejected' })
        : undefined;
    default:
      return undefined;
  }
};
