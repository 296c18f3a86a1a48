import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuotaExceededError, type PollQuota } from '../../../src/domain/polling-source.js';
import { silentLogger } from '../../../src/logger.js';
import { dailyResetAt } from '../../../src/polling/daily-reset.js';
import { runPoll, type PollDeps } from '../../../src/polling/run-poll.js';
import { connectDb, type DbHandle } from '../../../src/store/db.js';
import { createEventWriter } from '../../../src/store/event-writer.js';
import { findPollingState } from '../../../src/store/polling-cursors.js';
import { MemoryFeed, memorySource } from './memory-source.js';
import { usePollingServices } from './polling-services.js';

const INTERVAL = 60_000;
const START = new Date('2026-07-01T12:00:00Z');
/** The next midnight Pacific after START. */
const RESET = new Date('2026-07-02T07:00:00Z');

const services = usePollingServices();
let clock = START;
const now = () => clock;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

/** One worker process: its own pool, event writer and lease holder name. */
const worker = (holder: string, handle: Pick<DbHandle, 'db'> = services.database): PollDeps => ({
  db: handle.db,
  events: createEventWriter(handle.db),
  queue: services.queues,
  logger: silentLogger(),
  now,
  holder,
  leaseMs: 5 * 60_000,
});

const storedEvents = (source: string) =>
  services.database.db
    .selectFrom('inbound_events')
    .select(['id', 'dedupe_key', 'processed_at'])
    .where('source', '=', source)
    .orderBy('id')
    .execute();

describe('runPoll', () => {
  it('stores each item once across repeated polls and a restart', async () => {
    clock = START;
    const feed = new MemoryFeed();
    ['first', 'second', 'third'].forEach((text) => feed.publish(text));
    const source = memorySource(feed, { name: 'memory-once', intervalMs: INTERVAL, overlap: true });

    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'polled', stored: 3, duplicates: 0, cursorSaved: true });
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'not due', nextPollAt: new Date(START.getTime() + INTERVAL) });
    advance(INTERVAL);
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'polled', stored: 0, duplicates: 1 });

    feed.publish('fourth');
    advance(INTERVAL);
    const restarted = memorySource(feed, { name: 'memory-once', intervalMs: INTERVAL, overlap: true });
    expect(await runPoll(worker('w2'), restarted)).toMatchObject({ status: 'polled', stored: 1, duplicates: 1 });
    expect(restarted.calls.map((call) => call.cursor)).toEqual(['3']);

    const keys = (await storedEvents('memory-once')).map((event) => event.dedupe_key);
    expect(keys).toEqual(['comment:1', 'comment:2', 'comment:3', 'comment:4']);
    expect(await findPollingState(services.database.db, 'memory-once')).toMatchObject({ cursor: '4', failures: 0 });
  });

  it('saves the cursor only after the items are stored', async () => {
    clock = START;
    const feed = new MemoryFeed();
    feed.publish('kept for the next poll');
    const source = memorySource(feed, { name: 'memory-store-first', intervalMs: INTERVAL });
    await sql`
      CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER refuse_events BEFORE INSERT ON inbound_events
        FOR EACH ROW WHEN (NEW.source = 'memory-store-first') EXECUTE FUNCTION refuse_events();
    `.execute(services.database.db);

    const failed = await runPoll(worker('w1'), source);
    expect(failed).toMatchObject({ status: 'failed', nextPollAt: new Date(START.getTime() + INTERVAL) });
    expect(await findPollingState(services.database.db, 'memory-store-first')).toMatchObject({ cursor: null, failures: 1 });

    await sql`DROP TRIGGER refuse_events ON inbound_events; DROP FUNCTION refuse_events();`.execute(services.database.db);
    advance(INTERVAL);
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'polled', stored: 1 });
    expect(source.calls.map((call) => call.cursor)).toEqual([null, null]);
    expect(await findPollingState(services.database.db, 'memory-store-first')).toMatchObject({ cursor: '1', failures: 0 });
  });

  it('enqueues what it stored for ingest, and only that', async () => {
    clock = START;
    const feed = new MemoryFeed();
    feed.publish('Is this in stock?');
    feed.publishIgnored('a like');
    await runPoll(worker('w1'), memorySource(feed, { name: 'memory-enqueue' }));

    const [message, ignored] = await storedEvents('memory-enqueue');
    expect(message?.processed_at).toBeNull();
    expect(ignored?.processed_at).not.toBeNull();
    expect((await services.queues.ingest.getJob(`ev-${message!.id}`))?.data).toEqual({ eventId: message!.id });
    expect(await services.queues.ingest.getJob(`ev-${ignored!.id}`)).toBeUndefined();
  });
});

describe('two workers, one source', () => {
  let second: DbHandle;
  beforeAll(() => {
    second = connectDb(services.database.url, { max: 2 });
  });
  afterAll(async () => second?.close());

  it('never poll it at the same time', async () => {
    clock = START;
    const feed = new MemoryFeed();
    feed.publish('hello');
    const source = memorySource(feed, { name: 'memory-lease', intervalMs: INTERVAL });
    const held = source.hold();
    const first = runPoll(worker('w1'), source);
    await held.started;
    expect(await runPoll(worker('w2', second), source)).toMatchObject({ status: 'not due' });
    held.release();
    expect(await first).toMatchObject({ status: 'polled', stored: 1 });

    for (let round = 0; round < 5; round += 1) {
      advance(INTERVAL);
      const outcomes = await Promise.all([runPoll(worker('w1'), source), runPoll(worker('w2', second), source)]);
      expect(outcomes.filter((outcome) => outcome.status === 'polled')).toHaveLength(1);
    }
    expect(source.calls).toHaveLength(6);
    expect(source.maxInFlight).toBe(1);
  });

  it('take over a source whose worker hung past its lease, and the late cursor is not saved', async () => {
    clock = START;
    const feed = new MemoryFeed();
    feed.publish('one');
    const source = memorySource(feed, { name: 'memory-hung', intervalMs: INTERVAL });
    const hung = source.hold();
    const late = runPoll({ ...worker('w1'), leaseMs: INTERVAL }, source);
    await hung.started;
    feed.publish('two');
    advance(INTERVAL);
    expect(await runPoll(worker('w2', second), source)).toMatchObject({ status: 'polled', stored: 2 });
    hung.release();
    expect(await late).toMatchObject({ status: 'polled', stored: 0, duplicates: 2, cursorSaved: false });
    expect(await findPollingState(services.database.db, 'memory-hung')).toMatchObject({ cursor: '2' });
  });
});

describe('quota', () => {
  const quota: PollQuota = { unitsPerDay: 100, reserveUnits: 10, nextReset: dailyResetAt('America/Los_Angeles') };

  it('pauses a source whose platform says the quota is exceeded, until the reset', async () => {
    clock = START;
    const source = memorySource(new MemoryFeed(), { name: 'memory-quota-exceeded', intervalMs: INTERVAL, quota });
    source.failNext(new QuotaExceededError('YouTube: quotaExceeded'));
    expect(await runPoll(worker('w1'), source)).toEqual({ status: 'paused', reason: 'YouTube: quotaExceeded', nextPollAt: RESET });

    advance(6 * 60 * 60_000);
    expect(await runPoll(worker('w2'), source)).toEqual({ status: 'not due', nextPollAt: RESET });
    expect(source.calls).toHaveLength(1);

    clock = new Date(RESET.getTime() + 1_000);
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'polled' });
    expect(await findPollingState(services.database.db, 'memory-quota-exceeded')).toMatchObject({ failures: 0, unitsUsed: 1 });
  });

  it('resumes when the platform says, if it says', async () => {
    clock = START;
    const source = memorySource(new MemoryFeed(), { name: 'memory-rate-window', intervalMs: INTERVAL });
    const resumeAt = new Date(START.getTime() + 15 * 60_000);
    source.failNext(new QuotaExceededError('X: 429 Too Many Requests', resumeAt));
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'paused', nextPollAt: resumeAt });
    clock = resumeAt;
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'polled' });
  });

  it('spends no more than the day allows, the reserve left aside, and starts again after the reset', async () => {
    clock = START;
    const source = memorySource(new MemoryFeed(), { name: 'memory-budget', intervalMs: INTERVAL, quota, unitsPerPoll: 40 });
    // 50 units left, one more poll of 40: it comes halfway to the reset, 19 hours away.
    const halfway = new Date(START.getTime() + 9.5 * 60 * 60_000);
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'polled', nextPollAt: halfway });
    clock = halfway;
    // 10 units left: not enough for another poll, so the next one waits for the reset.
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'polled', nextPollAt: RESET });
    advance(INTERVAL);
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'not due', nextPollAt: RESET });

    clock = RESET;
    expect(await runPoll(worker('w1'), source)).toMatchObject({ status: 'polled' });
    expect(source.calls.map((call) => call.budget.units)).toEqual([90, 50, 90]);
    expect(await findPollingState(services.database.db, 'memory-budget')).toMatchObject({
      unitsUsed: 40,
      quotaResetsAt: new Date(RESET.getTime() + 24 * 60 * 60_000),
    });
  });
});
