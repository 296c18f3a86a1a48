import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { QuotaExceededError } from '../../../src/domain/polling-source.js';
import { createLogger, silentLogger } from '../../../src/logger.js';
import { startPollers } from '../../../src/polling/start-pollers.js';
import { connectDb } from '../../../src/store/db.js';
import { findPollingState } from '../../../src/store/polling-cursors.js';
import { eventually } from '../../support/app-harness.js';
import { MemoryFeed, memorySource } from './memory-source.js';
import { usePollingServices } from './polling-services.js';

const services = usePollingServices();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A logger whose JSON lines the test can read. */
const capturedLogger = () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
};

describe('startPollers', () => {
  it('polls each source on its timer, stores and enqueues, and stops', async () => {
    const feed = new MemoryFeed();
    feed.publish('first');
    const source = memorySource(feed, { name: 'loop-basic', intervalMs: 30 });
    const pollers = startPollers({ db: services.database.db, queue: services.queues, sources: [source], logger: silentLogger() });
    const stored = await eventually(async () => {
      const rows = await services.database.db.selectFrom('inbound_events').select('id').where('source', '=', 'loop-basic').execute();
      return rows.length === 1 && rows[0];
    }, 'the polled event to be stored');
    feed.publish('second');
    await eventually(async () => (await findPollingState(services.database.db, 'loop-basic'))?.cursor === '2', 'the second poll');
    await pollers.stop();

    expect(await services.queues.ingest.getJob(`ev-${stored.id}`)).toBeDefined();
    const polls = source.calls.length;
    await sleep(150);
    expect(source.calls).toHaveLength(polls);
  });

  it('in two workers, never polls one source twice at once', async () => {
    const other = connectDb(services.database.url, { max: 2 });
    const source = memorySource(new MemoryFeed(), { name: 'loop-two-workers', intervalMs: 20, latencyMs: 40 });
    const first = startPollers({ db: services.database.db, queue: services.queues, sources: [source], logger: silentLogger() });
    const second = startPollers({ db: other.db, queue: services.queues, sources: [source], logger: silentLogger() });
    try {
      await eventually(async () => source.calls.length >= 5, 'several polls');
    } finally {
      await first.stop();
      await second.stop();
      await other.close();
    }
    expect(source.maxInFlight).toBe(1);
  });

  it('logs a failed poll, backs off and goes on; the cursor stays until a poll succeeds', async () => {
    const { logger, lines } = capturedLogger();
    const feed = new MemoryFeed();
    feed.publish('after the outage');
    const source = memorySource(feed, { name: 'loop-failure', intervalMs: 100 });
    source.failNext(new Error('HTTP 503 from the platform'));
    const pollers = startPollers({ db: services.database.db, queue: services.queues, sources: [source], logger });
    try {
      await eventually(
        async () => (await findPollingState(services.database.db, 'loop-failure'))?.cursor === '1',
        'a poll after the failure',
      );
    } finally {
      await pollers.stop();
    }
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        source: 'loop-failure',
        error: 'HTTP 503 from the platform',
        msg: expect.stringMatching(/poll failed/u),
      }),
    );
    const [failed, retried] = source.calls;
    expect(retried!.at - failed!.at).toBeGreaterThanOrEqual(90);
    expect(retried?.cursor).toBeNull();
  });

  it('pauses a source out of quota until the platform says it may go on', async () => {
    const { logger, lines } = capturedLogger();
    const source = memorySource(new MemoryFeed(), { name: 'loop-quota', intervalMs: 20 });
    source.failNext(new QuotaExceededError('quotaExceeded', new Date(Date.now() + 400)));
    const pollers = startPollers({ db: services.database.db, queue: services.queues, sources: [source], logger });
    try {
      await eventually(async () => source.calls.length >= 2, 'a poll after the pause');
    } finally {
      await pollers.stop();
    }
    const [refused, resumed] = source.calls;
    expect(resumed!.at - refused!.at).toBeGreaterThanOrEqual(350);
    expect(lines).toContainEqual(
      expect.objectContaining({ source: 'loop-quota', reason: 'quotaExceeded', msg: expect.stringMatching(/paused/u) }),
    );
  });
});
