import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { mountSlackApp } from '../adapters/chat/slack/slack-app.js';
import { createSlackChat } from '../adapters/chat/slack/slack-chat.js';
import { createSlackGroupsOf } from '../adapters/chat/slack/slack-groups.js';
import { createSources } from '../adapters/sources/index.js';
import { commands } from '../commands/index.js';
import { createCommandCenter } from './command-center/command-center.js';
import type { KpiContext } from './kpi/kpi-context.js';
import { weeklyDigest } from './kpi/digest.js';
import type { Supports } from './cards/load-card-model.js';
import type { Config } from './config.js';
import type { ChatName, ChatAdapter } from './domain/chat.js';
import { createHttpApp } from './http/app.js';
import { createWebhookListener } from './http/webhook-listener.js';
import { createBatchedIngestEnqueue } from './jobs/batched-enqueue.js';
import { createQueues, redisForQueues, redisForWorkers, QUEUE_NAMES, type QueueName } from './jobs/queues.js';
import { startReconciler } from './jobs/reconcile.js';
import { startWorkers } from './jobs/workers.js';
import { DEFAULT_BURST, startBurstGuard } from './jobs/burst-guard.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { rebuildEscalationTimers } from './escalation/escalate.js';
import { createEngine } from './pipeline/engine-bridge.js';
import { playbookPolicies } from './pipeline/policies.js';
import type { GroupsOf } from './roles/may-press.js';
import { rebuildSlaTimers } from './sla/notify.js';
import type { ChatTarget } from './pipeline/pipeline-types.js';
import { connectDb } from './store/db.js';
import { createEventWriter } from './store/event-writer.js';
import { migrateDatabase } from './store/migrate.js';

export interface RunOptions {
  config: Readonly<Config>;
  web: boolean;
  worker: boolean;
  /** Which queues this worker takes (all by default). */
  queues?: readonly QueueName[];
  migrate?: boolean;
  logger?: Logger;
  now?: () => Date;
  /** Job lock length; a dead worker's job is retried after about this long. */
  lockDurationMs?: number;
}

export interface Running {
  url: string | undefined;
  stop: () => Promise<void>;
}

const slackClientOptions = (config: Config) => ({
  slackApiUrl: config.slack!.apiUrl,
  // Rate limits are waited out by the queue (the job is delayed), never by blocking a worker.
  rejectRateLimitedCalls: true,
  retryConfig: { retries: 0 },
  timeout: 10_000,
});

const waitForRedis = (redis: ReturnType<typeof redisForQueues>, ms: number) =>
  redis.status === 'ready'
    ? Promise.resolve()
    : new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
        redis.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });

/** The composition root: configuration in, a running Switchboard (web, workers or both) out. */
export const run = async (options: RunOptions): Promise<Running> => {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  // A broken playbook stops start-up before anything is touched.
  const engine = createEngine(config);
  for (const warning of engine.warnings) logger.warn(warning);
  if (options.migrate) {
    const report = await migrateDatabase(config.databaseUrl);
    logger.info({ ...report }, 'database migrated');
  }
  const { db } = connectDb(config.databaseUrl, {
    max: 10,
    onError: (error) => logger.warn({ err: error }, 'Postgres connection lost; the pool will reconnect'),
  });
  const queueRedis = redisForQueues(config.redisUrl);
  queueRedis.on('error', (error) => logger.debug({ err: error }, 'Redis (queues) connection error'));
  const queues = createQueues(queueRedis, config.queuePrefix);
  await waitForRedis(queueRedis, 5_000).catch((error: unknown) =>
    logger.warn(
      { err: error },
      `Redis at ${new URL(config.redisUrl).host} is not reachable yet; events are still stored and will be queued once it is`,
    ),
  );
  const metrics = createMetrics();
  const sources = createSources(config);

  const chats = new Map<string, ChatAdapter>();
  const chatTargets: ChatTarget[] = [];
  let slackClient: WebClient | undefined;
  if (config.slack) {
    slackClient = new WebClient(config.slack.botToken, slackClientOptions(config));
    chats.set('slack', createSlackChat(slackClient));
    if (config.slack.channel) chatTargets.push({ chat: 'slack', channel: config.slack.channel });
    else logger.warn('Slack is configured but SLACK_CHANNEL is not set: no handoff cards will be posted');
  }
  const supports: Supports = (platform, action) => sources.platformClients.get(platform)?.supports(platform, action) ?? false;
  const escalationChannel = (chat: ChatName) => (chat === 'slack' ? config.slack?.escalationChannel : config.discord?.escalationChannelId);
  const mentionFor = (chat: ChatName) => (chat === 'slack' ? config.slack?.escalationMention : config.discord?.escalationMention);
  const groupsOf: GroupsOf = slackClient ? createSlackGroupsOf(slackClient) : async () => [];
  const policies = playbookPolicies(engine.playbook, groupsOf);
  const kpiContext: KpiContext = { db, now, timeZone: policies.escalation.timezone, settings: policies.kpi };
  const commandCenter = createCommandCenter({ db, queues, supports, escalationChannel, mayPress: policies.mayPress });

  const closers: (() => Promise<void>)[] = [];
  let webhookRequests = 0;
  let server: Server | undefined;
  let url: string | undefined;
  if (options.web) {
    // Webhooks get their own connections, so a busy worker pool never delays an acknowledgement.
    const ingestDb = connectDb(config.databaseUrl, {
      max: 4,
      onError: (error) => logger.warn({ err: error }, 'Postgres connection lost (webhooks); the pool will reconnect'),
    });
    closers.push(() => ingestDb.close());
    const writer = createEventWriter(ingestDb.db);
    const webhooks = createWebhookListener(sources.webhooks, {
      writer,
      enqueueIngest: createBatchedIngestEnqueue(queues, logger),
      metrics,
      logger,
    });
    const mounts = [];
    if (config.slack) {
      const slack = config.slack;
      const auth = await slackClient!.auth.test().catch((error: unknown) => {
        logger.warn({ err: error }, 'Slack auth.test failed at start-up; Bolt will retry on the first request');
        return undefined;
      });
      mounts.push((app: Parameters<typeof mountSlackApp>[0]) => {
        mountSlackApp(app, {
          botToken: slack.botToken,
          signingSecret: slack.signingSecret,
          clientOptions: slackClientOptions(config),
          ...(auth?.bot_id && auth.user_id ? { botId: auth.bot_id, botUserId: auth.user_id } : {}),
          commandCenter,
          commands,
          kpiContext,
          logger,
        });
      });
    }
    const app = createHttpApp({
      sources: sources.webhooks,
      metrics,
      logger,
      mounts,
      readiness: [
        { name: 'postgres', check: async () => void (await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute()) },
        { name: 'redis', check: async () => void (await queueRedis.ping()) },
      ],
    });
    const listening = createServer((req, res) => {
      if (webhooks(req, res)) webhookRequests += 1;
      else app(req, res);
    });
    server = await new Promise<Server>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(config.port, config.host, () => resolve(listening));
    });
    const address = server.address() as AddressInfo;
    url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port}`;
    logger.info({ url, sources: sources.webhooks.map((source) => source.path), slack: Boolean(config.slack) }, 'web server listening');
  }

  let workerRedis: ReturnType<typeof redisForWorkers> | undefined;
  let workers: ReturnType<typeof startWorkers> | undefined;
  let reconciler: ReturnType<typeof startReconciler> | undefined;
  let burstGuard: ReturnType<typeof startBurstGuard> | undefined;
  if (options.worker) {
    workerRedis = redisForWorkers(config.redisUrl);
    workerRedis.on('error', (error) => logger.debug({ err: error }, 'Redis (workers) connection error'));
    workers = startWorkers(
      {
        db,
        queues,
        logger,
        pipeline: {
          db,
          decide: engine.decide,
          signals: engine.signals,
          platformClients: sources.platformClients,
          chatTargets,
          escalationChannel,
          sla: policies.sla,
          now,
          accountIds: new Map(),
          classifySentiment: engine.classifySentiment,
        },
        actions: { db, platformClients: sources.platformClients },
        cards: { db, chats, supports },
        escalations: { db, chats, queues, supports, policy: policies.escalation, mentionFor, now },
        rewriteDraft: engine.rewriteDraft,
        postDigest: async () => {
          const report = await weeklyDigest(kpiContext);
          for (const target of chatTargets) await chats.get(target.chat)?.postReport(target.channel, report);
        },
      },
      {
        connection: workerRedis,
        prefix: config.queuePrefix,
        concurrency: config.workerConcurrency,
        lockDurationMs: options.lockDurationMs ?? config.jobLockMs,
        queues: options.queues ?? QUEUE_NAMES,
        metrics,
      },
    );
    await rebuildSlaTimers({ db, chats, queues }).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not rebuild SLA timers; the reconciler will'),
    );
    await rebuildEscalationTimers({ db, chats, queues, supports, policy: policies.escalation, mentionFor, now }).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not rebuild escalation timers'),
    );
    const digest = policies.digest;
    await (digest
      ? queues.timers.upsertJobScheduler(
          'weekly-digest',
          { pattern: digest.pattern, tz: digest.timezone },
          { name: 'timers', data: { kind: 'digest' } },
        )
      : queues.timers.removeJobScheduler('weekly-digest')
    ).catch((error: unknown) => logger.warn({ err: error }, 'could not schedule the weekly digest'));
    if (options.web && workers) {
      const shared = workers;
      burstGuard = startBurstGuard({
        policy: { ...DEFAULT_BURST, full: config.workerConcurrency },
        webhooksSeen: () => webhookRequests,
        setIngestConcurrency: (concurrency) => shared.setConcurrency('ingest', concurrency),
        onChange: (concurrency, sample) =>
          logger.info(
            { concurrency, utilization: Number(sample.utilization.toFixed(2)), webhooksPerSecond: Math.round(sample.webhooksPerSecond) },
            concurrency === 1
              ? 'webhook burst: ingest takes one job at a time so acknowledgements come first'
              : 'burst over: ingest back to full concurrency',
          ),
      });
    }
    reconciler = startReconciler(db, queues, {
      intervalMs: config.reconcileIntervalMs,
      olderThanMs: config.reconcileAfterMs,
      logger,
    });
    logger.info({ queues: options.queues ?? QUEUE_NAMES, concurrency: config.workerConcurrency }, 'workers started');
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Stop taking work first, finish what is in flight, then close connections.
      if (server) {
        const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        await closing;
      }
      await reconciler?.stop();
      burstGuard?.stop();
      await workers?.close();
      await queues.close();
      workerRedis?.disconnect();
      queueRedis.disconnect();
      await db.destroy();
      for (const close of closers) await close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { url, stop };
};
