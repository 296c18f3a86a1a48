import type { PlatformActionRequest, PlatformActionResult, PlatformClient } from '../domain/source.js';
import { errorMessage, PermanentPlatformError, RateLimitedError } from '../errors.js';

/** What the platform says about an attempt whose outcome we never learnt. */
export type ReadBack =
  | { status: 'done'; result: PlatformActionResult }
  | { status: 'not_done' }
  | { status: 'cannot_tell'; reason: string };

const kindWords = (request: PlatformActionRequest): string => request.kind.replace('_', ' ');

/**
 * Asks the platform whether the action already happened. A platform that cannot show it, or a check
 * refused for good, cannot tell; a check that failed for now is retried by the job, except on its
 * last attempt, where it cannot tell either; a rate limit waits as the platform asks (an action never stays in flight for want of an answer).
 */
export const checkPlatform = async (
  client: PlatformClient,
  request: PlatformActionRequest,
  since: Date,
  lastAttempt: boolean,
): Promise<ReadBack> => {
  if (!client.readsBack(request.platform, request.kind)) {
    return { status: 'cannot_tell', reason: `${request.platform} gives no way to look up whether a ${kindWords(request)} went out` };
  }
  try {
    const result = await client.findCompleted(request, since);
    return result === undefined ? { status: 'not_done' } : { status: 'done', result };
  } catch (error) {
    if (error instanceof RateLimitedError) throw error;
    if (error instanceof PermanentPlatformError || lastAttempt) {
      return { status: 'cannot_tell', reason: `looking it up on ${request.platform} failed: ${errorMessage(error)}` };
    }
    throw error;
  }
};
