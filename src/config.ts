import { z } from 'zod';
import { AppError } from './errors.js';

const optional = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value), { message: `expected ${what}, a full URL such as https://…` });

const integer = (what: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/u, { message: `expected ${what}, a whole number` })
    .transform(Number)
    .refine((value) => value >= min && value <= max, {
      message: `expected ${what} between ${min} and ${max}`,
    });

const slackMention = z
  .string()
  .trim()
  .regex(/^(<@[UW][A-Z0-9]+>|<!subteam\^S[A-Z0-9]+>|<!here>|<!channel>)(\s+(<@[UW][A-Z0-9]+>|<!subteam\^S[A-Z0-9]+>))*$/u, {
    message: 'expected a Slack mention such as <@U0123ABCD> or <!subteam^S0123ABCD>',
  })
  .optional();

const discordMention = z
  .string()
  .trim()
  .regex(/^<@&?\d+>(\s+<@&?\d+>)*$/u, { message: 'expected a Discord mention such as <@123> or <@&456>' })
  .optional();

const envSchema = z.object({
  PORT: integer('a TCP port', 0, 65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATABASE_URL: url('a Postgres URL').default('postgres://postgres@127.0.0.1:5432/switchboard'),
  REDIS_URL: url('a Redis URL').default('redis://127.0.0.1:6379'),
  SWITCHBOARD_PLAYBOOK: optional,
  SWITCHBOARD_QUEUE_PREFIX: z.string().trim().min(1).default('switchboard'),
  SWITCHBOARD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SWITCHBOARD_RECONCILE_INTERVAL_MS: integer('milliseconds', 50, 3_600_000).default(30_000),
  SWITCHBOARD_RECONCILE_AFTER_MS: integer('milliseconds', 0, 3_600_000).default(15_000),
  SWITCHBOARD_WORKER_CONCURRENCY: integer('a job count', 1, 500).default(8),
  SWITCHBOARD_INGEST_BATCH: integer('an event count', 1, 500).default(100),
  SWITCHBOARD_JOB_LOCK_MS: integer('milliseconds', 500, 600_000).default(30_000),
  SWITCHBOARD_SHUTDOWN_TIMEOUT_MS: integer('milliseconds', 100, 600_000).default(10_000),
  SWITCHBOARD_PUBLIC_URL: optional,
  SWITCHBOARD_METRICS_TOKEN: optional,

  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .refine((value) => value === undefined || value.startsWith('xapp-'), {
      message: 'expected an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write)',
    })
    .optional(),
  SLACK_API_URL: url('the Slack Web API base').default('https://slack.com/api/'),
  SLACK_CHANNEL: optional,
  SLACK_ESCALATION_CHANNEL: optional,
  SLACK_ESCALATION_MENTION: slackMention,

  DISCORD_APPLICATION_ID: z
    .string()
    .trim()
    .regex(/^\d{1,25}$/u, { message: 'expected the Application ID from the Developer Portal, digits only' })
    .optional(),
  DISCORD_PUBLIC_KEY: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/u, { message: 'expected the Public Key from the Developer Portal, 64 hex characters' })
    .optional(),
  DISCORD_BOT_TOKEN: optional,
  DISCORD_API_URL: url('the Discord REST base').default('https://discord.com/api'),
  DISCORD_GATEWAY: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => ['true', 'false', ''].includes(value), { message: 'expected true or false' })
    .transform((value) => value === 'true')
    .default(false),
  DISCORD_GUILD_ID: z
    .string()
    .trim()
    .regex(/^\d{1,25}$/u, { message: 'expected a Discord server (guild) id, digits only' })
    .optional(),
  DISCORD_CHANNEL_ID: optional,
  DISCORD_ESCALATION_CHANNEL_ID: optional,
  DISCORD_ESCALATION_MENTION: discordMention,

  META_APP_SECRET: optional,
  META_VERIFY_TOKEN: optional,
  META_PAGE_ACCESS_TOKEN: optional,
  META_GRAPH_URL: url('the Graph API base').default('https://graph.facebook.com/v23.0'),
  WHATSAPP_PHONE_NUMBER_ID: optional,
  WHATSAPP_ACCESS_TOKEN: optional,

  X_USER_ID: optional,
  X_ACCESS_TOKEN: optional,
  X_CONSUMER_SECRET: optional,
  X_API_URL: url('the X API base').default('https://api.x.com'),
  X_ACCESS_LEVEL: z.enum(['pay-per-use', 'enterprise'], { message: 'expected pay-per-use or enterprise' }).default('pay-per-use'),

  GENERIC_WEBHOOK_SECRET: optional,
  GENERIC_CALLBACK_URL: optional.refine((value) => value === undefined || URL.canParse(value), {
    message: 'expected the callback URL for generic-source actions, a full URL such as https://…',
  }),

  YOUTUBE_CHANNEL_ID: optional,
  YOUTUBE_CLIENT_ID: optional,
  YOUTUBE_CLIENT_SECRET: optional,
  YOUTUBE_REFRESH_TOKEN: optional,
  YOUTUBE_ACCESS_TOKEN: optional,
  YOUTUBE_API_URL: url('the YouTube Data API base').default('https://www.googleapis.com/youtube/v3'),
  GOOGLE_OAUTH_URL: url("Google's OAuth token endpoint").default('https://oauth2.googleapis.com/token'),
  YOUTUBE_DAILY_QUOTA: integer('units a day', 100, 100_000_000).default(10_000),
  // Below 15 s only for tests against a fake: YouTube's quota would not last the day.
  YOUTUBE_POLL_INTERVAL_MS: integer('milliseconds', 50, 86_400_000).default(15_000),

  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: optional,
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
});

type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  playbookPath: string | undefined;
  queuePrefix: string;
  logLevel: Env['SWITCHBOARD_LOG_LEVEL'];
  reconcileIntervalMs: number;
  reconcileAfterMs: number;
  workerConcurrency: number;
  /** Most stored events one ingest transaction takes; 1: one transaction per event. */
  ingestBatch: number;
  jobLockMs: number;
  /** How long a graceful shutdown may take before unfinished work is left to the reconciler. */
  shutdownTimeoutMs: number;
  publicUrl: string | undefined;
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  slack?: {
    botToken: string;
    /** Set: Slack's requests arrive signed at /slack/events. */
    signingSecret: string | undefined;
    /** Set: Slack speaks Socket Mode (an app-level `xapp-` token), no public URL needed. */
    appToken: string | undefined;
    apiUrl: string;
    channel: string | undefined;
    escalationChannel: string | undefined;
    escalationMention: string | undefined;
  };
  discord?: {
    applicationId: string;
    publicKey: string;
    botToken: string;
    apiUrl: string;
    /** Interactions over the gateway (a discord.js Client), so no public URL is needed. */
    gateway: boolean;
    /** The guild whose presses count; learnt at start-up when the bot is in exactly one. */
    guildId: string | undefined;
    channelId: string | undefined;
    escalationChannelId: string | undefined;
    escalationMention: string | undefined;
  };
  meta?: {
    appSecret: string;
    verifyToken: string;
    pageAccessToken: string | undefined;
    graphUrl: string;
  };
  whatsapp?: { phoneNumberId: string; accessToken: string; graphUrl: string };
  x?: {
    userId: string;
    accessToken: string;
    /** Without it there is no webhook: mentions are polled. */
    consumerSecret: string | undefined;
    apiUrl: string;
    /** What the account's API access allows (pay-per-use: replies only where summoned, no blocking). */
    accessLevel: Env['X_ACCESS_LEVEL'];
  };
  generic?: { secret: string; callbackUrl: string | undefined };
  youtube?: {
    channelId: string;
    credentials:
      | { kind: 'access_token'; accessToken: string }
      | { kind: 'refresh_token'; clientId: string; clientSecret: string; refreshToken: string };
    apiUrl: string;
    oauthUrl: string;
    /** Units a day shared by polling and actions. */
    dailyQuota: number;
    /** The shortest time between two polls; the quota planner spreads them further. */
    pollIntervalMs: number;
  };
  openai?: { apiKey: string; baseUrl: string | undefined; model: string };
}

// A secret must not reach a log or a terminal through an error message.
const SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD/u;

/** What was given, for the error line: never a secret, and a URL without its password. */
const describeValue = (name: string, value: string | undefined): string => {
  if (value === undefined) return '';
  if (SECRET_NAME.test(name)) return ' (the value is not shown: it is a secret)';
  // A URL that does not parse may still carry `user:password@`: cut the credentials out as text.
  return ` (got ${JSON.stringify(value.replace(/\/\/[^/@\s]*@/u, '//***@'))})`;
};

/** Settings that are read and checked but that this version does not act on yet: say so instead of staying silent. */
export const configWarnings = (config: Readonly<Config>): string[] => [
  ...(config.whatsapp && !config.meta
    ? ['WHATSAPP_* is set, but META_APP_SECRET and META_VERIFY_TOKEN are not: WhatsApp messages arrive on /webhooks/meta, which is off']
    : []),
  ...(config.generic && !config.generic.callbackUrl
    ? ['GENERIC_WEBHOOK_SECRET is set without GENERIC_CALLBACK_URL: generic messages make cards, but no action can be taken on them']
    : []),
];

/** Both or neither: a half-configured integration is a mistake worth stopping for. */
const pair = (env: Env, names: (keyof Env)[]): boolean => {
  const set = names.filter((name) => env[name] !== undefined);
  if (set.length === 0) return false;
  if (set.length === names.length) return true;
  const missing = names.filter((name) => env[name] === undefined);
  throw new AppError('config_invalid', `${missing.join(', ')}: not set, but ${set.join(', ')} is — set all of ${names.join(', ')} or none`);
};

/** Slack needs its bot token and a way in: signed HTTP requests (signing secret), Socket Mode (app token) or both. */
const slackIsOn = (env: Env): boolean => {
  const wayIn = env.SLACK_SIGNING_SECRET !== undefined || env.SLACK_APP_TOKEN !== undefined;
  if (env.SLACK_BOT_TOKEN !== undefined && !wayIn) {
    throw new AppError(
      'config_invalid',
      'SLACK_SIGNING_SECRET: not set, but SLACK_BOT_TOKEN is — set SLACK_SIGNING_SECRET (requests to /slack/events) or SLACK_APP_TOKEN (Socket Mode, no public URL), or neither with SLACK_BOT_TOKEN',
    );
  }
  if (env.SLACK_BOT_TOKEN === undefined && wayIn) {
    const given = env.SLACK_SIGNING_SECRET !== undefined ? 'SLACK_SIGNING_SECRET' : 'SLACK_APP_TOKEN';
    throw new AppError('config_invalid', `SLACK_BOT_TOKEN: not set, but ${given} is — Slack needs its bot token (xoxb-…) too`);
  }
  return wayIn;
};

const YOUTUBE_OAUTH: (keyof Env)[] = ['YOUTUBE_CLIENT_ID', 'YOUTUBE_CLIENT_SECRET', 'YOUTUBE_REFRESH_TOKEN'];

/** On with a channel and a credential: the OAuth three (refreshed, preferred) or a ready access token. */
const youtubeConfig = (env: Env): Config['youtube'] => {
  const refreshable = pair(env, YOUTUBE_OAUTH);
  const credentials: NonNullable<Config['youtube']>['credentials'] | undefined = refreshable
    ? {
        kind: 'refresh_token',
        clientId: env.YOUTUBE_CLIENT_ID!,
        clientSecret: env.YOUTUBE_CLIENT_SECRET!,
        refreshToken: env.YOUTUBE_REFRESH_TOKEN!,
      }
    : env.YOUTUBE_ACCESS_TOKEN === undefined
      ? undefined
      : { kind: 'access_token', accessToken: env.YOUTUBE_ACCESS_TOKEN };
  if (env.YOUTUBE_CHANNEL_ID === undefined) {
    if (credentials === undefined) return undefined;
    throw new AppError(
      'config_invalid',
      'YOUTUBE_CHANNEL_ID: not set, but YouTube credentials are — set the id of the channel whose comments to poll (UC…)',
    );
  }
  if (credentials === undefined) {
    throw new AppError(
      'config_invalid',
      'YOUTUBE_CHANNEL_ID is set but no credential: set YOUTUBE_CLIENT_ID, YOUTUBE_CLIENT_SECRET and YOUTUBE_REFRESH_TOKEN (or YOUTUBE_ACCESS_TOKEN)',
    );
  }
  return {
    channelId: env.YOUTUBE_CHANNEL_ID,
    credentials,
    apiUrl: env.YOUTUBE_API_URL.replace(/\/+$/u, ''),
    oauthUrl: env.GOOGLE_OAUTH_URL,
    dailyQuota: env.YOUTUBE_DAILY_QUOTA,
    pollIntervalMs: env.YOUTUBE_POLL_INTERVAL_MS,
  };
};

/** A setting that means nothing without others (X_CONSUMER_SECRET without the account): stop rather than ignore it. */
const needs = (env: Env, name: keyof Env, needed: (keyof Env)[]): void => {
  const missing = needed.filter((other) => env[other] === undefined);
  if (env[name] === undefined || missing.length === 0) return;
  throw new AppError(
    'config_invalid',
    `${missing.join(', ')}: not set, but ${name} is — ${name} is used only with ${needed.join(' and ')}`,
  );
};

export const loadConfig = (raw: NodeJS.ProcessEnv = process.env): Readonly<Config> => {
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new AppError('config_invalid', `${name}: ${issue?.message ?? 'invalid'}${describeValue(name, raw[name])}`);
  }
  const env = parsed.data;
  const slackApiUrl = env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`;
  const config: Config = {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    playbookPath: env.SWITCHBOARD_PLAYBOOK,
    queuePrefix: env.SWITCHBOARD_QUEUE_PREFIX,
    logLevel: env.SWITCHBOARD_LOG_LEVEL,
    reconcileIntervalMs: env.SWITCHBOARD_RECONCILE_INTERVAL_MS,
    reconcileAfterMs: env.SWITCHBOARD_RECONCILE_AFTER_MS,
    workerConcurrency: env.SWITCHBOARD_WORKER_CONCURRENCY,
    ingestBatch: env.SWITCHBOARD_INGEST_BATCH,
    jobLockMs: env.SWITCHBOARD_JOB_LOCK_MS,
    shutdownTimeoutMs: env.SWITCHBOARD_SHUTDOWN_TIMEOUT_MS,
    publicUrl: env.SWITCHBOARD_PUBLIC_URL,
    metricsToken: env.SWITCHBOARD_METRICS_TOKEN,
  };
  if (slackIsOn(env)) {
    config.slack = {
      botToken: env.SLACK_BOT_TOKEN!,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: slackApiUrl,
      channel: env.SLACK_CHANNEL,
      escalationChannel: env.SLACK_ESCALATION_CHANNEL ?? env.SLACK_CHANNEL,
      escalationMention: env.SLACK_ESCALATION_MENTION,
    };
  }
  if (pair(env, ['DISCORD_APPLICATION_ID', 'DISCORD_PUBLIC_KEY', 'DISCORD_BOT_TOKEN'])) {
    config.discord = {
      applicationId: env.DISCORD_APPLICATION_ID!,
      publicKey: env.DISCORD_PUBLIC_KEY!,
      botToken: env.DISCORD_BOT_TOKEN!,
      apiUrl: env.DISCORD_API_URL.replace(/\/+$/u, ''),
      gateway: env.DISCORD_GATEWAY,
      guildId: env.DISCORD_GUILD_ID,
      channelId: env.DISCORD_CHANNEL_ID,
      escalationChannelId: env.DISCORD_ESCALATION_CHANNEL_ID ?? env.DISCORD_CHANNEL_ID,
      escalationMention: env.DISCORD_ESCALATION_MENTION,
    };
  }
  if (pair(env, ['META_APP_SECRET', 'META_VERIFY_TOKEN'])) {
    config.meta = {
      appSecret: env.META_APP_SECRET!,
      verifyToken: env.META_VERIFY_TOKEN!,
      pageAccessToken: env.META_PAGE_ACCESS_TOKEN,
      graphUrl: env.META_GRAPH_URL.replace(/\/+$/u, ''),
    };
  }
  if (pair(env, ['WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_ACCESS_TOKEN'])) {
    config.whatsapp = {
      phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID!,
      accessToken: env.WHATSAPP_ACCESS_TOKEN!,
      graphUrl: env.META_GRAPH_URL.replace(/\/+$/u, ''),
    };
  }
  needs(env, 'X_CONSUMER_SECRET', ['X_USER_ID', 'X_ACCESS_TOKEN']);
  needs(env, 'GENERIC_CALLBACK_URL', ['GENERIC_WEBHOOK_SECRET']);
  if (pair(env, ['X_USER_ID', 'X_ACCESS_TOKEN'])) {
    config.x = {
      userId: env.X_USER_ID!,
      accessToken: env.X_ACCESS_TOKEN!,
      consumerSecret: env.X_CONSUMER_SECRET,
      apiUrl: env.X_API_URL.replace(/\/+$/u, ''),
      accessLevel: env.X_ACCESS_LEVEL,
    };
  }
  if (env.GENERIC_WEBHOOK_SECRET !== undefined) {
    config.generic = { secret: env.GENERIC_WEBHOOK_SECRET, callbackUrl: env.GENERIC_CALLBACK_URL };
  }
  const youtube = youtubeConfig(env);
  if (youtube) config.youtube = youtube;
  if (env.OPENAI_API_KEY !== undefined) {
    config.openai = { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL };
  }
  return Object.freeze(config);
};
