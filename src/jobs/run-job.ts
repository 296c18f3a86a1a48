import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { ConfigurationError, PermanentPlatformError, RateLimitedError } from '../errors.js';

/**
 * Translate our error classes into what BullMQ understands: a rate limit delays the job by exactly
 * what the platform asked (not counted as an attempt); a permanent error or a missing setting is not retried.
 */
export const runJob = async <T>(job: Job, token: string | undefined, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RateLimitedError && token) {
      await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
      throw new DelayedError();
    }
    if (error instanceof PermanentPlatformError || error instanceof ConfigurationError) throw new UnrecoverableError(error.message);
    throw error;
  }
};

export const isLastAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
