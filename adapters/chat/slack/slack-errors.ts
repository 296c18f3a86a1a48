import { PermanentPlatformError, RateLimitedError, TransientPlatformError } from '../../../src/errors.js';

// Slack answers these when retrying cannot help: the configuration must change.
const PERMANENT: Record<string, string> = {
  invalid_auth: 'Slack rejected the bot token: check SLACK_BOT_TOKEN',
  not_authed: 'Slack received no token: check SLACK_BOT_TOKEN',
  account_inactive: 'The Slack bot token belongs to a deactivated app or user: reinstall the app',
  token_revoked: 'The Slack bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN',
  channel_not_found: 'Slack cannot find the channel: check SLACK_CHANNEL and invite the bot to it',
  not_in_channel: 'The bot is not in the channel: invite it with /invite @Switchboard',
  is_archived: 'The Slack channel is archived',
  message_not_found: 'The card message no longer exists in Slack',
  cant_update_message: 'Slack does not let this app update that message',
  missing_scope: 'The Slack app lacks a scope it needs: reinstall it from slack-app-manifest.yml',
  invalid_blocks: 'Slack rejected the card layout (invalid_blocks)',
  msg_too_long: 'The card is too long for Slack',
};

interface SlackishError {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  message?: string;
}

/** Map @slack/web-api errors onto the error classes that decide retries. */
export const toPlatformError = (error: unknown): Error => {
  const slack = (error ?? {}) as SlackishError;
  if (slack.code === 'slack_webapi_rate_limited_error') {
    return new RateLimitedError('Slack asked us to slow down', Math.max(1, slack.retryAfter ?? 1) * 1_000);
  }
  const apiError = slack.code === 'slack_webapi_platform_error' ? slack.data?.error : undefined;
  if (apiError) {
    const words = PERMANENT[apiError];
    if (words) return new PermanentPlatformError(`${words} (${apiError})`, { platformCode: apiError });
    if (apiError === 'ratelimited') return new RateLimitedError('Slack asked us to slow down', 1_000);
    return new TransientPlatformError(`Slack answered ${apiError}`);
  }
  return new TransientPlatformError(`Slack could not be reached: ${slack.message ?? String(error)}`, { cause: error });
};
