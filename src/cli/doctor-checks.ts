import { WebClient } from '@slack/web-api';
import { checkDiscord } from '../../adapters/chat/discord/discord-doctor.js';
import OpenAI from 'openai';
import { Redis } from 'ioredis';
import { checkGenericCallback } from '../../adapters/sources/generic/doctor.js';
import { GraphClient } from '../../adapters/sources/meta/graph-client.js';
import { describePhoneNumber } from '../../adapters/sources/meta/whatsapp-calls.js';
import { checkXAccount } from '../../adapters/sources/x/doctor.js';
import { migrations } from '../../migrations/index.js';
import { configWarnings, type Config } from '../config.js';
import { loadPlaybook } from '../playbook/index.js';
import { countActionsNeedingAttention } from '../store/actions.js';
import { connectDb } from '../store/db.js';
import { countAppliedMigrations, pingDatabase } from '../store/ping.js';
import type { DoctorCheck } from './doctor.js';
import { accountDoctorChecks } from './doctor-accounts.js';
import { slackSocketCheck } from './doctor-slack-socket.js';
import { youtubeDoctorCheck } from './doctor-youtube.js';

const describeTarget = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
};

const slackMode = ({ slack }: Readonly<Config>) =>
  !slack ? 'off' : slack.appToken ? `on (Socket Mode${slack.signingSecret ? ' and /slack/events' : ''})` : 'on';

/** `env`: where the playbook's token_env variables are read (the process's own unless a test says). */
export const doctorChecks = (config: Readonly<Config>, env: Readonly<Record<string, string | undefined>> = process.env): DoctorCheck[] => [
  {
    name: 'config',
    run: async () =>
      [
        `environment valid — Slack ${slackMode(config)}, Discord ${config.discord ? (config.discord.gateway ? 'on (gateway)' : 'on') : 'off'}, Meta ${config.meta ? 'on' : 'off'}, YouTube ${config.youtube ? 'on' : 'off'}, X ${config.x ? 'on' : 'off'}, generic ${config.generic ? 'on' : 'off'}, LLM drafts ${config.openai ? 'on' : 'off'}`,
        ...configWarnings(config),
      ].join('; '),
  },
  {
    name: 'playbook',
    run: async () => {
      const playbook = loadPlaybook(config.playbookPath);
      const which = config.playbookPath ? `${config.playbookPath} is valid` : 'built-in default playbook';
      const unmet =
        playbook.sentimentClassifier === 'llm' && !config.openai
          ? '; it asks for sentiment.classifier: llm but OPENAI_API_KEY is not set, so the lexicon scores sentiment'
          : '';
      return `${which}${unmet}`;
    },
  },
  {
    name: 'postgres',
    run: async () => {
      const { db } = connectDb(config.databaseUrl, { max: 1 });
      try {
        await pingDatabase(db).catch((error: unknown) => {
          throw new Error(
            `cannot connect to ${describeTarget(config.databaseUrl)}: ${(error as Error).message} — check DATABASE_URL and that Postgres is running (switchboard migrate creates the database)`,
          );
        });
        const applied = await countAppliedMigrations(db);
        const known = Object.keys(migrations).length;
        if (applied < known) throw new Error(`connected, but ${known - applied} migration(s) are not applied — run: switchboard migrate`);
        return `connected to ${describeTarget(config.databaseUrl)}, migrations up to date`;
      } finally {
        await db.destroy();
      }
    },
  },
  {
    name: 'actions',
    run: async () => {
      const { db } = connectDb(config.databaseUrl, { max: 1 });
      try {
        const counts = await countActionsNeedingAttention(db).catch((error: unknown) => {
          throw new Error(`could not count actions: ${(error as Error).message} — see the postgres line`);
        });
        const worrying = counts.stuck + counts.unknown;
        const summary = `${counts.stuck} stuck, ${counts.unknown} with an unknown outcome, ${counts.failed} failed`;
        // A warning, not a failure: the service runs; someone should look (switchboard actions).
        return worrying > 0 ? `WARNING: ${summary} — see: switchboard actions` : `none stuck or unknown (${counts.failed} failed)`;
      } finally {
        await db.destroy();
      }
    },
  },
  {
    name: 'redis',
    run: async () => {
      const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
      try {
        await redis.connect();
        await redis.ping();
        return `connected to ${new URL(config.redisUrl).host}`;
      } catch (error) {
        throw new Error(`cannot reach Redis at ${new URL(config.redisUrl).host}: ${(error as Error).message} — check REDIS_URL`);
      } finally {
        redis.disconnect();
      }
    },
  },
  {
    name: 'slack',
    ...(config.slack ? {} : { skip: 'not configured (set SLACK_BOT_TOKEN, and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN)' }),
    run: async () => {
      const slack = config.slack!;
      const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, timeout: 5_000 });
      const auth = await client.auth.test().catch((error: unknown) => {
        const code = (error as { data?: { error?: string } }).data?.error;
        throw new Error(
          code
            ? `auth.test answered ${code} — check SLACK_BOT_TOKEN`
            : `cannot reach Slack at ${slack.apiUrl}: ${(error as Error).message}`,
        );
      });
      const channel = slack.channel ? `cards go to ${slack.channel}` : 'SLACK_CHANNEL is not set, so no cards will be posted';
      return `authenticated as ${auth.user ?? auth.user_id} in ${auth.team ?? auth.team_id}; ${channel}`;
    },
  },
  slackSocketCheck(config),
  {
    name: 'discord',
    ...(config.discord ? {} : { skip: 'not configured (set DISCORD_APPLICATION_ID, DISCORD_PUBLIC_KEY and DISCORD_BOT_TOKEN)' }),
    run: () => checkDiscord(config.discord!),
  },
  {
    name: 'openai',
    ...(config.openai ? {} : { skip: 'not configured (set OPENAI_API_KEY for LLM drafts; templates are used)' }),
    run: async () => {
      const openai = config.openai!;
      const client = new OpenAI({
        apiKey: openai.apiKey,
        ...(openai.baseUrl ? { baseURL: openai.baseUrl } : {}),
        timeout: 5_000,
        maxRetries: 0,
      });
      await client.models.retrieve(openai.model).catch((error: unknown) => {
        if (error instanceof OpenAI.AuthenticationError) throw new Error('the API key was refused — check OPENAI_API_KEY');
        if (error instanceof OpenAI.NotFoundError)
          throw new Error(`model ${openai.model} is not available to this key — check OPENAI_MODEL`);
        throw new Error(`cannot reach ${openai.baseUrl ?? 'the OpenAI API'}: ${(error as Error).message}`);
      });
      const sentiment = loadPlaybook(config.playbookPath).sentimentClassifier === 'llm' ? ' and sentiment' : '';
      return `model ${openai.model} available; LLM drafts${sentiment} on`;
    },
  },
  {
    name: 'meta',
    ...(config.meta ? {} : { skip: 'not configured (set META_APP_SECRET and META_VERIFY_TOKEN)' }),
    run: async () => {
      const meta = config.meta!;
      if (!meta.pageAccessToken)
        return 'webhooks verified with META_APP_SECRET; no META_PAGE_ACCESS_TOKEN, so replies and moderation are off';
      const graph = new GraphClient({ graphUrl: meta.graphUrl, tokenFor: () => meta.pageAccessToken, timeoutMs: 5_000 });
      const me = await graph.me(meta.pageAccessToken);
      return `page token valid for ${me.name ?? me.id} (${me.id})`;
    },
  },
  {
    name: 'whatsapp',
    ...(config.whatsapp ? {} : { skip: 'not configured (set WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN)' }),
    run: async () => {
      const whatsapp = config.whatsapp!;
      const graph = new GraphClient({ graphUrl: whatsapp.graphUrl, tokenFor: () => whatsapp.accessToken, timeoutMs: 5_000 });
      const number = await describePhoneNumber(graph, whatsapp.phoneNumberId);
      const inbound = config.meta ? '' : '; but META_APP_SECRET and META_VERIFY_TOKEN are not set, so no messages arrive';
      return `token valid for ${number.display_phone_number ?? number.id} (${number.verified_name ?? 'no verified name'})${inbound}`;
    },
  },
  youtubeDoctorCheck(config),
  {
    name: 'x',
    ...(config.x ? {} : { skip: 'not configured (set X_USER_ID and X_ACCESS_TOKEN)' }),
    run: () => checkXAccount(config.x!),
  },
  {
    name: 'generic',
    ...(config.generic ? {} : { skip: 'not configured (set GENERIC_WEBHOOK_SECRET and GENERIC_CALLBACK_URL)' }),
    run: () => checkGenericCallback(config.generic!.callbackUrl),
  },
  ...accountDoctorChecks(config, env),
];
