import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { PermanentPlatformError, RateLimitedError, TransientPlatformError } from '../../../src/errors.js';

// Discord's JSON error codes that retrying cannot help: the configuration or the message must change.
const PERMANENT: Record<number, string> = {
  0: 'Discord refused the request: check DISCORD_BOT_TOKEN',
  10003: 'Discord cannot find the channel: check DISCORD_CHANNEL_ID and that the bot is in the server',
  10008: 'The card message no longer exists in Discord',
  50001: 'The bot cannot see the channel: give it View Channel there',
  50013: 'The bot lacks a permission in the channel: see docs/discord.md for the permissions it needs',
  50035: 'Discord rejected the message layout (Invalid Form Body)',
  40001: 'Discord refused the bot token: check DISCORD_BOT_TOKEN',
};

const PERMANENT_STATUS: Record<number, string> = {
  401: 'Discord rejected the bot token: check DISCORD_BOT_TOKEN',
  403: 'The bot is not allowed to do this in Discord: check its permissions in the channel',
  404: 'Discord cannot find what the card points at (channel or message)',
};

/** Map @discordjs/rest errors onto the error classes that decide retries. */
export const toPlatformError = (error: unknown): Error => {
  if (error instanceof RateLimitError) {
    return new RateLimitedError(
      `Discord asked us to slow down (${error.scope}, ${error.route})`,
      Math.max(1_000, Math.ceil(error.retryAfter)),
    );
  }
  if (error instanceof DiscordAPIError) {
    const words = (typeof error.code === 'number' ? PERMANENT[error.code] : undefined) ?? PERMANENT_STATUS[error.status];
    if (words && error.status < 500)
      return new PermanentPlatformError(`${words} (${error.code}: ${error.message})`, { status: error.status, platformCode: error.code });
    if (error.status === 429) return new RateLimitedError('Discord asked us to slow down', 1_000);
    if (error.status < 500)
      return new PermanentPlatformError(`Discord refused: ${error.message}`, { status: error.status, platformCode: error.code });
    return new TransientPlatformError(`Discord answered ${error.status}: ${error.message}`);
  }
  if (error instanceof HTTPError) return new TransientPlatformError(`Discord answered ${error.status} ${error.method} ${error.url}`);
  const message = error instanceof Error ? error.message : String(error);
  return new TransientPlatformError(`Discord could not be reached: ${message}`, { cause: error });
};

/** Whether Discord said the thing is not there (for "create the thread if it does not exist yet"). */
export const isUnknown = (error: unknown, code: number): boolean => error instanceof DiscordAPIError && error.code === code;

export const callDiscord = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toPlatformError(error);
  }
};
