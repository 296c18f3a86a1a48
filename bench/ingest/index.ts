import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { Redis } from 'ioredis';
import { createBacklogProbe, createBenchRedis, createReferenceDatabase } from './isolated-stores.js';
import { watchCards } from './card-watch.js';
import { fullTimings, measureServer, quickTimings, type Target } from './phases.js';
import { renderReport, type Row } from './report.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { renderSustained, SYNC_REFERENCE } from './sustained-report.js';
import {
  runSustainedIntake,
  runSustainedSwitchboard,
  runSyncReference,
  type SustainedContext,
  type SustainedRow,
} from './sustained-runs.js';
import { createWebhookFactory } from './webhooks.js';

/*
 * Signed Meta comment webhooks over loopback against a naive reference endpoint, Switchboard
 * (web + workers) and Switchboard's web process alone, each in its own child process with its
 * own database and Redis prefix. `--quick` shortens every phase to about two seconds.
 */

const quick = process.argv.includes('--quick');
// `--sustained-only` skips the acceptance rows (saturation, 500/s, cards) and runs the sustained-processing table alone.
const sustainedOnly = process.argv.includes('--sustained-only');
const timings = quick ? quickTimings : fullTimings;
const REFERENCE_SECRET = 'bench-reference-app-secret';
const log = (line: string) => console.log(`  ${line}`);
const runTag = String(Date.now() % 1_000_000);

/** Undo steps run newest first, on success, failure or Ctrl-C. */
const cleanups: (() => Promise<unknown>)[] = [];
const unwind = async (until = 0) => {
  while (cleanups.length > until) {
    await cleanups.pop()!().catch((error: unknown) => console.error(`  cleanup failed: ${String(error)}`));
  }
};
const scoped = async <T>(work: () => Promise<T>): Promise<T> => {
  const mark = cleanups.length;
  try {
    return await work();
  } finally {
    await unwind(mark);
  }
};

const startServer = async (script: string, env: Record<string, string>): Promise<ServerProcess> => {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to every server process, when investigating.
  const server = await startServerProcess(script, env, process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []);
  cleanups.push(server.stop);
  return server;
};

const runReference = (name: string): Promise<Row> =>
  scoped(async () => {
    const database = await createReferenceDatabase();
    cleanups.push(database.drop);
    const redis = createBenchRedis();
    cleanups.push(redis.close);
    const server = await startServer('./reference-server.ts', {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      META_APP_SECRET: REFERENCE_SECRET,
    });
    const figures = await measureServer({ name, url: server.url, next: createWebhookFactory(REFERENCE_SECRET, runTag) }, timings, log);
    return { name, figures, usage: await server.usage() };
  });

/** Switchboard as deployed (web + workers in one process), or its web process alone (workers elsewhere); cards go to Slack, or to Discord. */
const runSwitchboard = (name: string, workers: boolean, chat: 'slack' | 'discord' = 'slack'): Promise<Row> =>
  scoped(async () => {
    // Loaded here, not at the top: the harness imports the app, and the reference half runs without it.
    const { APP_SECRET, startServices } = await import('../../test/support/app-harness.js');
    const services = await startServices();
    cleanups.push(services.close);
    const discord = chat === 'discord' ? await (await import('./discord-fake.js')).startDiscordFake() : undefined;
    if (discord) cleanups.push(discord.close);
    const server = await startServer('./switchboard-server.ts', { ...services.env, ...discord?.env, BENCH_WORKERS: workers ? '1' : '0' });
    const next = createWebhookFactory(APP_SECRET, runTag);
    let target: Target = { name, url: server.url, next, ladder: false };
    if (workers) {
      const probe = createBacklogProbe(services.redis.url, services.redis.prefix);
      cleanups.push(probe.close);
      const cards = discord ? () => discord.watchCards() : () => watchCards(services.slack);
      // The Discord row is there for its cards: the ladder is the Slack row's.
      target = { name, url: server.url, next, drain: probe.drain, cards, ...(discord ? { ladder: false } : {}) };
    }
    const figures = await measureServer(target, timings, log);
    return { name, figures, usage: await server.usage() };
  });

const sustainedContext: SustainedContext = {
  comments: timings.sustainedComments,
  warmup: timings.sustainedWarmup,
  timeoutMs: timings.sustainedTimeoutMs,
  runTag,
  cleanup: (undo) => cleanups.push(undo),
  start: startServer,
};

/** One row of the sustained-processing table, on its own stores, cleaned up whatever happens. */
const sustained = async (name: string, work: (context: SustainedContext) => ReturnType<typeof runSyncReference>): Promise<SustainedRow> => {
  console.log(`${name} (sustained):`);
  try {
    const figures = await scoped(() => work(sustainedContext));
    const processed = figures.intakeOnly
      ? 'no workers: not processed'
      : `all processed in ${figures.processedMs === undefined ? '(timed out)' : `${Math.round(figures.processedMs)} ms`}`;
    log(`${figures.send.accepted} accepted in ${Math.round(figures.acceptedMs)} ms, ${processed}`);
    return { name, figures };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  ${name} did not run: ${message}`);
    return { name, error: message.split('\n')[0] ?? message };
  }
};

const versions = async (): Promise<string> => {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  const postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  await client.end();
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const info = await redis.info('server');
  redis.disconnect();
  const redisVersion = /redis_version:(\S+)/u.exec(info)?.[1] ?? '?';
  return `${availableParallelism()} cores, Node ${process.version}, Postgres ${postgres.split(' ')[0]}, Redis ${redisVersion}`;
};

/** Share of CPU time the whole machine spent busy over one second (Linux), to flag a run on a shared, busy machine. */
const machineBusy = async (): Promise<number | undefined> => {
  const sample = async () => {
    const fields = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/u).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
  };
  try {
    const first = await sample();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const second = await sample();
    const total = second.total - first.total;
    return total > 0 ? 1 - (second.idle - first.idle) / total : undefined;
  } catch {
    return undefined;
  }
};

const attempt = async (name: string, work: (name: string) => Promise<Row>): Promise<Row> => {
  console.log(`${name}:`);
  try {
    return await work(name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  ${name} did not run: ${message}`);
    return { name, error: message.split('\n')[0] ?? message };
  }
};

const main = async () => {
  const started = Date.now();
  const busyBefore = await machineBusy();
  const heading = `ingest benchmark${quick ? ' (--quick)' : ''} (${await versions()})`;
  console.log(`${heading}: signed Meta comment webhooks over loopback\n`);
  const rows = sustainedOnly
    ? []
    : [
        await attempt('reference server', runReference),
        await attempt('switchboard', (name) => runSwitchboard(name, true)),
        await attempt('switchboard, web only', (name) => runSwitchboard(name, false)),
        await attempt('switchboard → Discord', (name) => runSwitchboard(name, true, 'discord')),
      ];
  const footnotes = [
    (busyBefore === undefined ? '' : `CPU ${Math.round(busyBefore * 100)} % busy in the second before the run; `) +
      `load average ${loadavg()[0]!.toFixed(2)} at the end; the load generator and the fakes share the machine with the servers` +
      (busyBefore !== undefined && busyBefore > 0.15
        ? '. Something else was running: figures are lower and noisier than on an idle machine'
        : ''),
    `the load generator and fakes used ${Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e6)} s of CPU; the run took ${Math.round((Date.now() - started) / 1000)} s`,
  ];
  const sustainedRows = [
    await sustained(SYNC_REFERENCE, runSyncReference),
    await sustained('switchboard', (context) => runSustainedSwitchboard(context, 0)),
    await sustained('switchboard + 1 worker process', (context) => runSustainedSwitchboard(context, 1)),
    await sustained('switchboard, intake only', runSustainedIntake),
  ];
  if (rows.length > 0) console.log(`\n${renderReport(heading, rows, footnotes)}`);
  console.log(`\n${renderSustained(timings.sustainedComments, sustainedRows)}`);
};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up databases, Redis keys and server processes…`);
    void unwind().finally(() => process.exit(130));
  });
}

main()
  .catch((error: unknown) =>
    console.error(`ingest benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  )
  .finally(() => void unwind().finally(() => process.exit(0)));
