/** Stable error codes: logs, metrics and tests match on these, never on message text. */
export type ErrorCode =
  | 'config_invalid'
  | 'config_missing'
  | 'playbook_invalid'
  | 'platform_permanent'
  | 'platform_transient'
  | 'platform_rate_limited';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** A platform refused for good (revoked token, deleted comment): retrying cannot help. */
export class PermanentPlatformError extends AppError {
  constructor(
    message: string,
    readonly detail: { status?: number; platformCode?: number | string } = {},
  ) {
    super('platform_permanent', message);
    this.name = 'PermanentPlatformError';
  }
}

/**
 * The work needs something the operator has not configured (a chat adapter, a channel): retrying
 * cannot help until the configuration changes, so the job fails at once with these words.
 */
export class ConfigurationError extends AppError {
  constructor(message: string) {
    super('config_missing', message);
    this.name = 'ConfigurationError';
  }
}

/** A platform failed for now (5xx, timeout, connection reset): retry with backoff. */
export class TransientPlatformError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('platform_transient', message, options);
    this.name = 'TransientPlatformError';
  }
}

/** The platform asked us to wait: the job is delayed by exactly this much, not counted as a failure. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('platform_rate_limited', message);
    this.name = 'RateLimitedError';
  }
}

/**
 * The work depends on other work that has not happened yet (a note on a card still being posted):
 * the job is retried with backoff as usual, but this is expected, not a failure worth a warning.
 */
export class NotYetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotYetError';
  }
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
