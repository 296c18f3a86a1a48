import { readAnswer } from './read-answer.js';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { run, type RunOptions, type Running } from '../../src/main.js';
import type { QueueName } from '../../src/jobs/queues.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { FakeGraph } from '../fakes/fake-graph.js';
import { createFakeSlack, DEFAULT_TOKEN, type FakeSlack } from '../fakes/fake-slack.js';
import { PAGE_ID, signMeta } from '../fixtures/meta.js';
import { createTestDatabase, createTestRedis, type IsolatedDatabase, type IsolatedRedis } from './isolated.js';

export const APP_SECRET = 'meta-app-secret-for-tests';
export const VERIFY_TOKEN = 'meta-verify-token';
export const PAGE_TOKEN = 'EAAG-page-token';
export const SIGNING_SECRET = 'slack-signing-secret-for-tests';
export const CARD_CHANNEL = 'C0CARDS';

export interface Services {
  database: IsolatedDatabase;
  redis: IsolatedRedis;
  graph: FakeGraph;
  slack: FakeSlack;
  env: Record<string, string>;
  config: (overrides?: Record<string, string>) => Readonly<Config>;
  close: () => Promise<void>;
}

/** Real Postgres and Redis (isolated for this file) plus fake Graph and Slack servers on loopback. */
export const startServices = async (): Promise<Services> => {
  const database = await createTestDatabase();
  const redis = createTestRedis();
  const graph = new FakeGraph({ tokens: { [PAGE_TOKEN]: { id: PAGE_ID, name: 'Acme Shoes' } } });
  // Tests press as many people; each is a full member unless a test adds them otherwise (a guest, say).
  const slack = createFakeSlack({ unlistedUsersAreMembers: true });
  const graphUrl = (await graph.start()).url;
  const slackUrl = (await slack.start()).url;
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    SWITCHBOARD_QUEUE_PREFIX: redis.prefix,
    SWITCHBOARD_LOG_LEVEL: 'silent',
    SWITCHBOARD_RECONCILE_INTERVAL_MS: '60000',
    META_APP_SECRET: APP_SECRET,
    META_VERIFY_TOKEN: VERIFY_TOKEN,
    META_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
    META_GRAPH_URL: graphUrl,
    SLACK_BOT_TOKEN: DEFAULT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackUrl,
    SLACK_CHANNEL: CARD_CHANNEL,
  };
  return {
    database,
    redis,
    graph,
    slack,
    env,
    config: (overrides = {}) => loadConfig({ ...env, ...overrides }),
    close: async () => {
      await graph.close();
      await slack.close();
      await redis.close();
      await database.drop();
    },
  };
};

export interface StartOptions {
  web?: boolean;
  worker?: boolean;
  queues?: readonly QueueName[];
  env?: Record<string, string>;
  lockDurationMs?: number;
  /** The chats to run with instead of the registry's (a test adds one through the chat port). */
  chats?: RunOptions['chats'];
}

export const startApp = async (services: Services, options: StartOptions = {}): Promise<Running> =>
  run({
    config: services.config(options.env),
    web: options.web ?? true,
    worker: options.worker ?? true,
    logger: process.env.TEST_LOGS ? createLogger(process.env.TEST_LOGS, process.stderr) : silentLogger(),
    ...(options.queues ? { queues: options.queues } : {}),
    ...(options.lockDurationMs ? { lockDurationMs: options.lockDurationMs } : {}),
    ...(options.chats ? { chats: options.chats } : {}),
    // The playbook's token_env names are read from the same variables as the configuration.
    env: { ...services.env, ...options.env },
  });

/** POST a body to /webhooks/meta signed exactly as Meta signs it (or with the given signature). */
export const postMeta = async (
  url: string,
  body: unknown,
  options: { signature?: string; secret?: string; raw?: string } = {},
): Promise<{ status: number; json: unknown }> => {
  const raw = options.raw ?? JSON.stringify(body);
  const response = await fetch(`${url}/webhooks/meta`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': options.signature ?? signMeta(raw, options.secret ?? APP_SECRET),
    },
    body: raw,
  });
  return readAnswer(response);
};

export { eventually } from './eventually.js';

/** Top-level messages in the card channel (thread notes left out). */
export const cardsIn = (services: Services) =>
  services.slack.messagesIn(CARD_CHANNEL).filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);

/** Notes in one card's thread. */
export const notesOn = (services: Services, cardTs: string) =>
  services.slack.messagesIn(CARD_CHANNEL).filter((message) => message.thread_ts === cardTs && message.ts !== cardTs);

/** Services and a running app for one test file, started before its tests and stopped after. */
/** This file's services, plus the apps its tests start and stop themselves; any still running are stopped at the end. */
export const useServices = (): { services: Services; running: Running[] } => {
  const context = { running: [] } as unknown as { services: Services; running: Running[] };
  beforeAll(async () => {
    context.services = await startServices();
  });
  afterAll(async () => {
    for (const app of context.running) await app.stop();
    await context.services?.close();
  });
  return context;
};

export const useApp = (options: StartOptions = {}): { services: Services; app: Running } => {
  const context = {} as { services: Services; app: Running };
  beforeAll(async () => {
    context.services = await startServices();
    context.app = await startApp(context.services, options);
  });
  afterAll(async () => {
    await context.app?.stop();
    await context.services?.close();
  });
  return context;
};
