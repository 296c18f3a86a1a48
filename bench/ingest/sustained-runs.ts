import { sql } from 'kysely';
import { createFakeSlack, DEFAULT_TOKEN } from '../../test/fakes/fake-slack.js';
import { watchCards } from './card-watch.js';
import { createReferenceDatabase } from './isolated-stores.js';
import type { ServerProcess } from './server-process.js';
import { measureSustained, type SustainedFigures, type SustainedTarget } from './sustained.js';
import { createWebhookFactory } from './webhooks.js';

/*
 * The servers the sustained-processing figure compares, each on fresh stores: the minimal
 * synchronous reference, and Switchboard (web + workers) with 0 or more extra worker processes.
 * `scope` registers cleanups with the benchmark's unwinder; `start` runs a bench/ingest script.
 */

export interface SustainedRow {
  name: string;
  figures?: SustainedFigures;
  error?: string;
}

export interface SustainedContext {
  comments: number;
  warmup: number;
  timeoutMs: number;
  runTag: string;
  cleanup: (undo: () => Promise<unknown>) => void;
  start: (script: string, env: Record<string, string>) => Promise<ServerProcess>;
}

const SYNC_SECRET = 'bench-sync-reference-app-secret';
const CHANNEL = 'C0CARDS';

/** Warm the server (JIT, pools, keep-alive) with a few hundred comments, then measure N. */
const warmThenMeasure = async (
  context: SustainedContext,
  target: Omit<SustainedTarget, 'cards'>,
  slack: Parameters<typeof watchCards>[0],
) => {
  await measureSustained({ ...target, cards: watchCards(slack) }, context.warmup, context.timeoutMs);
  return measureSustained({ ...target, cards: watchCards(slack) }, context.comments, context.timeoutMs);
};

export const runSyncReference = async (context: SustainedContext): Promise<SustainedFigures> => {
  const database = await createReferenceDatabase();
  context.cleanup(database.drop);
  const slack = createFakeSlack({ unlistedUsersAreMembers: true });
  const slackUrl = (await slack.start()).url;
  context.cleanup(() => slack.close());
  const server = await context.start('./sync-reference-server.ts', {
    DATABASE_URL: database.url,
    META_APP_SECRET: SYNC_SECRET,
    SLACK_API_URL: slackUrl,
    SLACK_BOT_TOKEN: DEFAULT_TOKEN,
    SLACK_CHANNEL: CHANNEL,
  });
  // It answers only once the comment is stored and its card posted: nothing accepted is left to process.
  const unprocessed = async () => 0;
  const cpuMs = async () => (await server.usage()).cpuMs;
  return warmThenMeasure(
    context,
    { url: server.url, next: createWebhookFactory(SYNC_SECRET, `${context.runTag}1`), unprocessed, cpuMs },
    slack,
  );
};

/**
 * Switchboard's web server alone, no workers: what storing each comment before acknowledging it costs,
 * against the whole of the synchronous reference's work. Nothing is processed; the row stops at accepted.
 */
export const runSustainedIntake = async (context: SustainedContext): Promise<SustainedFigures> => {
  const { APP_SECRET, startServices } = await import('../../test/support/app-harness.js');
  const services = await startServices();
  context.cleanup(services.close);
  const server = await context.start('./switchboard-server.ts', { ...services.env, BENCH_WORKERS: '0' });
  const cpuMs = async () => (await server.usage()).cpuMs;
  const next = createWebhookFactory(APP_SECRET, `${context.runTag}9`);
  return warmThenMeasure(
    context,
    { url: server.url, next, unprocessed: async () => 0, queries: server.queries, cpuMs, intakeOnly: true },
    services.slack,
  );
};

export const runSustainedSwitchboard = async (context: SustainedContext, extraWorkers: number): Promise<SustainedFigures> => {
  const { APP_SECRET, startServices } = await import('../../test/support/app-harness.js');
  const services = await startServices();
  context.cleanup(services.close);
  const servers = [await context.start('./switchboard-server.ts', { ...services.env, BENCH_WORKERS: '1' })];
  for (let i = 0; i < extraWorkers; i += 1) servers.push(await context.start('./worker-server.ts', services.env));
  // The partial index of unprocessed events' very predicate, so the count reads the backlog only.
  const unprocessed = async () => {
    const row = await services.database.db
      .selectFrom('inbound_events')
      .select(sql<string>`count(*)`.as('n'))
      .where('processed_at', 'is', null)
      .where('failed_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  const queries = async () => {
    const counts = await Promise.all(servers.map((server) => server.queries()));
    return counts.some((count) => count === undefined) ? undefined : counts.reduce((sum: number, count) => sum + count!, 0);
  };
  const cpuMs = async () => (await Promise.all(servers.map((server) => server.usage()))).reduce((sum, usage) => sum + usage.cpuMs, 0);
  const next = createWebhookFactory(APP_SECRET, `${context.runTag}${2 + extraWorkers}`);
  return warmThenMeasure(context, { url: servers[0]!.url, next, unprocessed, queries, cpuMs }, services.slack);
};
