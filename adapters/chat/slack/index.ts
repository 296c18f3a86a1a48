import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../../../src/config.js';
import type { Logger } from '../../../src/logger.js';
import type { ChatFactory, ChatServices } from '../../../src/command-center/chat-entry.js';
import { mountSlackApp } from './slack-app.js';
import { createSlackChat } from './slack-chat.js';
import { createSlackGroupsOf } from './slack-groups.js';

type SlackConfig = NonNullable<Config['slack']>;

const slackClientOptions = (slack: SlackConfig): WebClientOptions => ({
  slackApiUrl: slack.apiUrl,
  // Rate limits are waited out by the queue (the job is delayed), never by blocking a worker.
  rejectRateLimitedCalls: true,
  retryConfig: { retries: 0 },
  timeout: 10_000,
});

/** Bolt learns who the bot is once, at start-up, instead of on the first request. */
const mountSlack = async (slack: SlackConfig, client: WebClient, services: ChatServices, logger: Logger) => {
  const auth = await client.auth.test().catch((error: unknown) => {
    logger.warn({ err: error }, 'Slack auth.test failed at start-up; Bolt will retry on the first request');
    return undefined;
  });
  return (app: Parameters<typeof mountSlackApp>[0]) => {
    mountSlackApp(app, {
      botToken: slack.botToken,
      signingSecret: slack.signingSecret,
      clientOptions: slackClientOptions(slack),
      ...(auth?.bot_id && auth.user_id ? { botId: auth.bot_id, botUserId: auth.user_id } : {}),
      // Presses and commands count only from this workspace; unknown here, it is learnt on first use.
      ...(auth?.team_id ? { workspaceId: auth.team_id } : {}),
      ...services,
    });
  };
};

export const slackChat: ChatFactory = (config, { logger }) => {
  const slack = config.slack;
  if (!slack) return undefined;
  const client = new WebClient(slack.botToken, slackClientOptions(slack));
  if (!slack.channel) logger.warn('Slack is configured but SLACK_CHANNEL is not set: no handoff cards will be posted');
  return {
    name: 'slack',
    adapter: createSlackChat(client),
    cardChannel: slack.channel,
    escalationChannel: slack.escalationChannel,
    escalationMention: slack.escalationMention,
    groupsOf: createSlackGroupsOf(client),
    mount: (services) => mountSlack(slack, client, services, logger),
  };
};
