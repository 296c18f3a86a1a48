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
  SWITCHBOARD_JOB_LOCK_MS: integer('milliseconds', 500, 600_000).default(30_000),
  SWITCHBOARD_SHUTDOWN_TIMEOUT_MS: integer('milliseconds', 100, 600_000).default(10_000),
  SWITCHBOARD_PUBLIC_URL: optional,
  SWITCHBOARD_METRICS_TOKEN: optional,

  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
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

  GENERIC_WEBHOOK_SECRET: optional,
  GENERIC_CALLBACK_URL: optional,

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
  jobLockMs: number;
  /** How long a graceful shutdown may take before unfinished work is left to the reconciler. */
  shutdownTimeoutMs: number;
  publicUrl: string | undefined;
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  slack?: {
    botToken: string;
    signingSecret: string;
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
  whatsapp?: { phoneNumberId: string; accessToken: string };
  generic?: { secret: string; callbackUrl: string | undefined };
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
  ...(config.whatsapp
    ? ['WHATSAPP_* is set, but this version cannot reply on WhatsApp yet: WhatsApp messages make cards without actions']
    : []),
  ...(config.generic ? ['GENERIC_WEBHOOK_SECRET is set, but this version has no generic source yet: /webhooks/generic answers 404'] : []),
];

/** Both or neither: a half-configured integration is a mistake worth stopping for. */
const pair = (env: Env, names: (keyof Env)[]): boolean => {
  const set = names.filter((name) => env[name] !== undefined);
  if (set.length === 0) return false;
  if (set.length === names.length) return true;
  const missing = names.filter((name) => env[name] === undefined);
  throw new AppError('config_invalid', `${missing.join(', ')}: not set, but ${set.join(', ')} is — set all of ${names.join(', ')} or none`);
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
    jobLockMs: env.SWITCHBOARD_JOB_LOCK_MS,
    shutdownTimeoutMs: env.SWITCHBOARD_SHUTDOWN_TIMEOUT_MS,
    publicUrl: env.SWITCHBOARD_PUBLIC_URL,
    metricsToken: env.SWITCHBOARD_METRICS_TOKEN,
  };
  if (pair(env, ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'])) {
    config.slack = {
      botToken: env.SLACK_BOT_TOKEN!,
      signingSecret: env.SLACK_SIGNING_SECRET!,
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
    config.whatsapp = { phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID!, accessToken: env.WHATSAPP_ACCESS_TOKEN! };
  }
  if (env.GENERIC_WEBHOOK_SECRET !== undefined) {
    config.generic = { secret: env.GENERIC_WEBHOOK_SECRET, callbackUrl: env.GENERIC_CALLBACK_URL };
  }
  if (env.OPENAI_API_KEY !== undefined) {
    config.openai = { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL };
  }
  return Object.freeze(config);
};
