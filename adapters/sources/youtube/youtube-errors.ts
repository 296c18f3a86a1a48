import { PermanentPlatformError, RateLimitedError, TransientPlatformError, type AppError } from '../../../src/errors.js';
import { errorBodySchema } from './schema.js';

/** The day's units are spent: nothing more until the quota resets (midnight Pacific). */
export class YouTubeQuotaExceededError extends RateLimitedError {
  constructor(
    readonly resetsAt: Date,
    now: Date,
  ) {
    const waitMs = Math.max(1_000, resetsAt.getTime() - now.getTime());
    super(`YouTube's daily quota is spent (quotaExceeded); nothing more until it resets at ${resetsAt.toISOString()}`, waitMs);
    this.name = 'YouTubeQuotaExceededError';
  }
}

/** The comment addressed is gone (or rejected): for a rejection, that means done. */
export class YouTubeCommentGoneError extends PermanentPlatformError {
  constructor(message: string, detail: { status?: number; platformCode?: string }) {
    super(message, detail);
    this.name = 'YouTubeCommentGoneError';
  }
}

export interface YouTubeFailure {
  status: number;
  headers: Headers;
  body: unknown;
  /** What the call was about, in words: "comment Ugx…", "the channel's comment threads". */
  subject: string;
  now: Date;
  quotaResetsAt: Date;
}

const DEFAULT_WAIT_MS = 60_000;
const GONE = new Set(['commentNotFound', 'parentCommentNotFound']);
const TRANSIENT = new Set(['backendError', 'internalError', 'processingFailure']);
const RATE_LIMITED = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

const retryAfterMs = (header: string | null): number | undefined => {
  const seconds = Number(header ?? '');
  return header !== null && header.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
};

const hintFor = (reason: string | undefined): string => {
  if (reason === 'forbidden' || reason === 'insufficientPermissions') {
    return ' — the credentials need the youtube.force-ssl scope and must belong to the channel owner (or a manager)';
  }
  if (reason === 'ineligibleAccount') return ' — the YouTube account must be merged with a Google account';
  if (reason === 'operationNotSupported') return ' — YouTube does not allow this on that comment';
  return '';
};

/** Turns a failed YouTube answer into the error class that tells the queue what to do; branches on the reason, not the status. */
export const youtubeError = (failure: YouTubeFailure): AppError => {
  const parsed = errorBodySchema.safeParse(failure.body);
  const info = parsed.success ? parsed.data.error : undefined;
  const reason = info?.errors?.[0]?.reason;
  const said = info?.message === undefined ? '' : `: ${info.message}`;
  if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded')
    return new YouTubeQuotaExceededError(failure.quotaResetsAt, failure.now);
  if (failure.status === 429 || (reason !== undefined && RATE_LIMITED.has(reason))) {
    const waitMs = retryAfterMs(failure.headers.get('retry-after')) ?? DEFAULT_WAIT_MS;
    return new RateLimitedError(
      `YouTube asked us to slow down (${reason ?? `HTTP ${failure.status}`}); retrying in ${Math.ceil(waitMs / 1000)} s`,
      waitMs,
    );
  }
  if (failure.status >= 500 || (reason !== undefined && TRANSIENT.has(reason))) {
    return new TransientPlatformError(`YouTube failed on ${failure.subject} (HTTP ${failure.status})${said}`);
  }
  const detail = { status: failure.status, ...(reason === undefined ? {} : { platformCode: reason }) };
  if (reason !== undefined && GONE.has(reason))
    return new YouTubeCommentGoneError(`The ${failure.subject} no longer exists on YouTube (${reason})`, detail);
  if (failure.status === 401) {
    return new PermanentPlatformError(
      'YouTube rejected the credentials (expired or revoked): renew YOUTUBE_REFRESH_TOKEN (or YOUTUBE_ACCESS_TOKEN)',
      detail,
    );
  }
  return new PermanentPlatformError(
    `YouTube refused ${failure.subject} (HTTP ${failure.status}, ${reason ?? 'no reason'})${said}${hintFor(reason)}`,
    detail,
  );
};
