import type { QuotaLedger } from '../../../src/domain/polling-source.js';
import type { PlatformActionRequest, PlatformActionResult, PlatformClient } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import { supportsYouTubeAction, youtubeReadsBack } from './capabilities.js';
import { findAuthorComment } from './find-author-comment.js';
import { topLevelIdOf, YOUTUBE } from './map.js';
import { findCompletedOnYouTube, textOf, type ReadBackScope } from './read-back.js';
import { unitMeter, type YouTubeApi } from './youtube-api.js';
import { insertReply, setModerationStatus } from './youtube-calls.js';
import { YouTubeCommentGoneError } from './youtube-errors.js';

export interface YouTubeClientOptions {
  api: YouTubeApi;
  channelId: string;
  /** Where the units actions spend are recorded, so the poll planner sees them (absent: not recorded). */
  ledger?: QuotaLedger;
  now: () => Date;
  nextReset: (now: Date) => Date;
}

const ALREADY_REJECTED: PlatformActionResult = { detail: { moderationStatus: 'rejected', alreadyGone: true } };

const act = async (scope: ReadBackScope, request: PlatformActionRequest): Promise<PlatformActionResult> => {
  const { api, meter } = scope;
  const { kind, target } = request;
  switch (kind) {
    case 'reply': {
      const reply = await insertReply(api, meter, { parentId: topLevelIdOf(target), text: textOf(request) });
      return { externalId: reply.id };
    }
    case 'hide':
    case 'unhide': {
      const status = kind === 'hide' ? 'heldForReview' : 'published';
      await setModerationStatus(api, meter, { id: target, status });
      return { detail: { moderationStatus: status } };
    }
    case 'delete':
      try {
        await setModerationStatus(api, meter, { id: target, status: 'rejected' });
        return { detail: { moderationStatus: 'rejected' } };
      } catch (error) {
        if (error instanceof YouTubeCommentGoneError) return ALREADY_REJECTED;
        throw error;
      }
    case 'block': {
      const commentId = await findAuthorComment(scope, target);
      if (commentId === undefined) {
        throw new PermanentPlatformError(
          `No recent comment by ${target} on the channel's videos: YouTube bans an author only through one of their comments`,
        );
      }
      await setModerationStatus(api, meter, { id: commentId, status: 'rejected', banAuthor: true });
      return { detail: { banned: target, rejected: commentId } };
    }
    default:
      throw new PermanentPlatformError(`Switchboard cannot ${kind.replace('_', ' ')} on YouTube`);
  }
};

/** Replies and moderation on the channel's comments; every call's units go to the ledger the poll planner reads. */
export const createYouTubePlatformClient = (options: YouTubeClientOptions): PlatformClient => {
  const metered = async <T>(work: (scope: ReadBackScope) => Promise<T>): Promise<T> => {
    const meter = unitMeter();
    try {
      return await work({ api: options.api, meter, channelId: options.channelId });
    } finally {
      if (meter.units > 0) {
        const now = options.now();
        // Losing a count only makes polling a little too eager; it must not fail an action that happened.
        await options.ledger?.spend(YOUTUBE, meter.units, options.nextReset(now)).catch(() => undefined);
      }
    }
  };
  return {
    platforms: [YOUTUBE],
    supports: supportsYouTubeAction,
    readsBack: youtubeReadsBack,
    perform: async (request) => {
      if (!supportsYouTubeAction(request.platform, request.kind)) {
        throw new PermanentPlatformError(`Switchboard cannot ${request.kind.replace('_', ' ')} on ${request.platform}`);
      }
      return metered((scope) => act(scope, request));
    },
    findCompleted: async (request, since) =>
      youtubeReadsBack(request.platform, request.kind) ? metered((scope) => findCompletedOnYouTube(scope, request, since)) : undefined,
  };
};
