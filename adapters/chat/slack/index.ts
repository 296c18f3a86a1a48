import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../../../src/config.js';
import type { Logger } from '../../../src/logger.js';
import type { ChatFactory, ChatServices } from '../../../src/command-center/chat-entry.js';
import { mountSlackApp, type SlackAppOptions } from './slack-app.js';
import { createSlackChat } from './slack-chat.js';
import { createSlackGroupsOf } from './slack-groups.js';
import { connectSlackSocket } from './socket-connection.js';

type SlackConfig = NonNullable<Config['slack']>;

const slackClientOptions = (slack: SlackConfig): WebClientOptions => ({
  slackApiUrl: slack.apiUrl,
  // Rate limits are waited out by the queue (the job is delayed), never by blocking a worker.
  rejectRateLimitedCalls: true,
  retryConfig: { retries: 0 },
  timeout: 10_000,
});

/** Bolt learns who the bot is once, at start-up, instead of on the first request. */
const learnIdentity = async (client: WebClient, logger: Logger) => {
  const auth = await client.auth.test().catch((error: unknown) => {
    logger.warn({ err: error }, 'Slack auth.test failed at start-up; Bolt will retry on the first request');
    return undefined;
  });
  return {
    ...(auth?.bot_id && auth.user_id ? { botId: auth.bot_id, botUserId: auth.user_id } : {}),
    // Presses and commands count only from this workspace; unknown here, it is learnt on first use.
    ...(auth?.team_id ? { workspaceId: auth.team_id } : {}),
  };
};

/** What Bolt needs, whichever way Slack's requests arrive; auth.test is asked once for both ways. */
const appOptionsOf = (slack: SlackConfig, client: WebClient, logger: Logger) => {
  let identity: ReturnType<typeof learnIdentity> | undefined;
  return async (services: ChatServices): Promise<SlackAppOptions> => ({
    botToken: slack.botToken,
    clientOptions: slackClientOptions(slack),
    ...(await (identity ??= learnIdentity(client, logger))),
    ...services,
  });
};

export const slackChat: ChatFactory = (config, { logger }) => {
  const slack = config.slack;
  if (!slack) return undefined;
  const client = new WebClient(slack.botToken, slackClientOptions(slack));
  if (!slack.channel) logger.warn('Slack is configured but SLACK_CHANNEL is not set: no handoff cards will be posted');
  const appOptions = appOptionsOf(slack, client, logger);
  const { signingSecret, appToken } = slack;
  return {
    name: 'slack',
    adapter: createSlackChat(client),
    cardChannel: slack.channel,
    escalationChannel: slack.escalationChannel,
    escalationMention: slack.escalationMention,
    groupsOf: createSlackGroupsOf(client),
    // Without a signing secret nothing could verify a request: /slack/events is not served at all.
    mount: async (services) => {
      if (!signingSecret) return () => undefined;
      const options = await appOptions(services);
      return (app) => void mountSlackApp(app, { ...options, signingSecret });
    },
    ...(appToken
      ? { connect: async (services) => connectSlackSocket({ ...(await appOptions(services)), appToken, slackApiUrl: slack.apiUrl }) }
      : {}),
  };
};
