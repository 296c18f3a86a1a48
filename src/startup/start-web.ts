import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commands } from '../../commands/index.js';
import type { Config } from '../config.js';
import { createHttpApp, type ReadinessCheck } from '../http/app.js';
import { createWebhookListener } from '../http/webhook-listener.js';
import { createBatchedIngestEnqueue } from '../jobs/batched-enqueue.js';
import { connectDb } from '../store/db.js';
import { createEventWriter } from '../store/event-writer.js';
import type { Assembled } from './assemble.js';
import { prepareChats } from './prepare-chats.js';

export interface Web {
  server: Server;
  url: string;
  /** Webhook requests answered so far (the burst guard's measure of load). */
  webhooksSeen: () => number;
  closeIngestDb: () => Promise<void>;
  /** Closes the chats' own connections (Socket Mode, the gateway): no new presses arrive after this. */
  closeChatConnections: () => Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const listen = (handler: Handler, config: Readonly<Config>): Promise<Server> => {
  const listening = createServer(handler);
  return new Promise<Server>((resolve, reject) => {
    listening.once('error', reject);
    listening.listen(config.port, config.host, () => resolve(listening));
  });
};

const urlOf = (server: Server, config: Readonly<Config>): string => {
  const address = server.address() as AddressInfo;
  return `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${address.port}`;
};

/** Webhooks get their own connections, so a busy worker pool never delays an acknowledgement. */
const listenForWebhooks = (app: Assembled) => {
  const { config, logger, metrics, sources } = app;
  const ingestDb = connectDb(config.databaseUrl, {
    max: 4,
    onError: (error) => logger.warn({ err: error }, 'Postgres connection lost (webhooks); the pool will reconnect'),
  });
  const webhooks = createWebhookListener(sources.webhooks, {
    writer: createEventWriter(ingestDb.db),
    enqueueIngest: createBatchedIngestEnqueue(app.queues, logger),
    metrics,
    logger,
  });
  return { webhooks, closeIngestDb: () => ingestDb.close() };
};

/** Webhooks (on a pool of their own) in front; chats' routes, health and metrics behind them on the same port; chats' own connections beside. */
export const startWeb = async (app: Assembled, readiness: ReadinessCheck[]): Promise<Web> => {
  const { config, logger, metrics, sources } = app;
  const { webhooks, closeIngestDb } = listenForWebhooks(app);
  const services = { commandCenter: app.commandCenter, commands, kpiContext: app.kpiContext, logger };
  const chats = await prepareChats(app.chats.list, services);
  const http = createHttpApp({
    sources: sources.webhooks,
    metrics,
    logger,
    mounts: chats.mounts,
    readiness: [...readiness, ...chats.readiness],
    metricsToken: config.metricsToken,
  });
  let webhookRequests = 0;
  const server = await listen((req, res) => {
    if (webhooks(req, res)) webhookRequests += 1;
    else http(req, res);
  }, config).catch(async (error: unknown) => {
    await chats.closeConnections();
    throw error;
  });
  const url = urlOf(server, config);
  logger.info(
    { url, sources: sources.webhooks.map((source) => source.path), chats: app.chats.list.map((chat) => chat.name) },
    'web server listening',
  );
  return {
    server,
    url,
    webhooksSeen: () => webhookRequests,
    closeIngestDb,
    closeChatConnections: chats.closeConnections,
  };
};
