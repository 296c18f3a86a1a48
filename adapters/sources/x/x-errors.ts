import { z } from 'zod';
import { PermanentPlatformError, RateLimitedError, TransientPlatformError } from '../../../src/errors.js';

// X's problem documents (RFC 7807) and the older `errors` array.
const problemSchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  errors: z.array(z.looseObject({ message: z.string().optional(), detail: z.string().optional() })).optional(),
});

/** Without x-rate-limit-reset, wait out X's window (15 minutes). */
const DEFAULT_WINDOW_MS = 15 * 60_000;

export const wordsOf = (body: unknown, status: number): string => {
  const problem = problemSchema.safeParse(body).data;
  const first = problem?.errors?.[0];
  return problem?.detail ?? first?.detail ?? first?.message ?? problem?.title ?? `HTTP ${status}`;
};

/** How long X asks us to wait: until `x-rate-limit-reset` (epoch seconds), measured on the given clock. */
export const waitFromHeaders = (headers: Headers, now: Date): number => {
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return DEFAULT_WINDOW_MS;
  return Math.max(0, reset * 1000 - now.getTime());
};

/** The error class that tells the action queue what to do: 429 waits, other 4xx are final, the rest may be retried. */
export const xError = (what: string, status: number, body: unknown, headers: Headers, now: Date): Error => {
  const words = wordsOf(body, status);
  if (status === 429) return new RateLimitedError(`X rate limit on ${what}: ${words}`, waitFromHeaders(headers, now));
  if (status === 401) return new PermanentPlatformError(`X refused the token (${words}): check X_ACCESS_TOKEN and its scopes`, { status });
  if (status >= 400 && status < 500) return new PermanentPlatformError(`X refused ${what}: ${words}`, { status });
  return new TransientPlatformError(`X answered ${status} to ${what}: ${words}`);
};
