import { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import type { DoctorCheck } from './doctor.js';

const TOKEN_REFUSED = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'not_allowed_token_type']);

const explain = (error: unknown, apiUrl: string): Error => {
  const code = (error as { data?: { error?: string } }).data?.error;
  if (!code) return new Error(`cannot reach Slack at ${apiUrl}: ${(error as Error).message}`);
  if (TOKEN_REFUSED.has(code))
    return new Error(`apps.connections.open answered ${code} — check SLACK_APP_TOKEN (an xapp- token with connections:write)`);
  return new Error(`apps.connections.open answered ${code} — is Socket Mode on for the app (Settings → Socket Mode)?`);
};

/**
 * The app-level token and Socket Mode, by asking for a connection URL as the app does at start-up
 * (the token in the Authorization header, as Slack requires). The URL is not used: it expires unused.
 */
export const slackSocketCheck = (config: Readonly<Config>): DoctorCheck => ({
  name: 'slack-socket',
  ...(config.slack?.appToken ? {} : { skip: 'not configured (set SLACK_APP_TOKEN for Socket Mode: no public URL needed)' }),
  run: async () => {
    const slack = config.slack!;
    const client = new WebClient(slack.appToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, timeout: 5_000 });
    const opened = await client.apps.connections.open().catch((error: unknown) => {
      throw explain(error, slack.apiUrl);
    });
    if (!opened.url) throw new Error('apps.connections.open gave no URL — is Socket Mode on for the app?');
    const http = slack.signingSecret ? '; /slack/events is served too (SLACK_SIGNING_SECRET is set)' : '; no public URL needed';
    return `app-level token valid and Socket Mode on${http}`;
  },
});
