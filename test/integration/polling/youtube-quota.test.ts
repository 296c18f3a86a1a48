import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YOUTUBE_COSTS, youtubeQuota } from '../../../adapters/sources/youtube/index.js';
import kpi from '../../../commands/kpi.js';
import { RateLimitedError } from '../../../src/errors.js';
import { DEFAULT_KPI_SETTINGS } from '../../../src/kpi/kpi-context.js';
import { createMetrics } from '../../../src/metrics.js';
import { runPoll } from '../../../src/polling/run-poll.js';
import { findPollingState, findQuotaUsage } from '../../../src/store/polling-cursors.js';
import { rejection } from '../../contract/rejection.js';
import { usePollingServices } from './polling-services.js';
import { CHANNEL_ID, forgetYouTube, SECOND, startYouTubeWorld, storedCommentIds, testClock, type YouTubeWorld } from './youtube-world.js';

const services = usePollingServices();
const START = new Date('2026-07-01T12:00:00Z');
/** Midnight Pacific (PDT) after START. */
const RESET = new Date('2026-07-02T07:00:00Z');
const HOUR = 60 * 60 * SECOND;
const clock = testClock(START);
let world: YouTubeWorld;

beforeEach(async () => {
  clock.set(START);
  await forgetYouTube(services);
  world = await startYouTubeWorld(services, clock);
});
afterEach(async () => world.close());

const addThreads = (count: number, videoId = 'video-1') =>
  Array.from(
    { length: count },
    (_, index) => world.fake.addComment({ videoId, authorChannelId: `UCviewer${index}`, text: `comment ${index}` }).id,
  );

describe('YouTube quota', () => {
  it('after quotaExceeded keeps what it read, calls nothing until the reset, then reads the rest', async () => {
    const posted = addThreads(250);
    // Another client of the same Google project has spent all but two pages' worth.
    world.fake.spendElsewhere(world.fake.dailyQuota - 2 * YOUTUBE_COSTS.listThreads);
    const paused = await runPoll(world.deps, world.poller);
    expect(paused).toMatchObject({ status: 'polled', stored: 200, nextPollAt: RESET });
    expect((await findPollingState(services.database.db, 'youtube'))?.nextPollAt).toEqual(RESET);
    const calls = world.fake.apiCalls().length;

    for (let hour = 1; hour <= 18; hour += 1) {
      clock.set(new Date(START.getTime() + hour * HOUR));
      expect(await runPoll(world.deps, world.poller)).toMatchObject({ status: 'not due', nextPollAt: RESET });
    }
    expect(world.fake.apiCalls()).toHaveLength(calls);

    clock.set(RESET);
    world.fake.resetQuota();
    expect(await runPoll(world.deps, world.poller)).toMatchObject({ status: 'polled', stored: 50 });
    const stored = await storedCommentIds(services);
    expect(new Set(stored)).toEqual(new Set(posted));
    expect(stored).toHaveLength(250);
  });

  it('actions spend from the same ledger, and the planner leaves the reserve for them', async () => {
    addThreads(1);
    await runPoll(world.deps, world.poller);
    const target = [...world.fake.comments.keys()][0]!;
    await world.client.perform({ platform: 'youtube', kind: 'reply', accountId: CHANNEL_ID, target, text: 'Sorry to hear that' });
    await world.client.perform({ platform: 'youtube', kind: 'hide', accountId: CHANNEL_ID, target });
    const [usage] = await findQuotaUsage(services.database.db, clock.now());
    expect(usage).toMatchObject({ source: 'youtube', quotaResetsAt: RESET });
    expect(usage?.unitsUsed).toBe(world.fake.unitsUsed);
    expect(world.fake.unitsUsed).toBe(YOUTUBE_COSTS.listThreads + YOUTUBE_COSTS.insertReply + YOUTUBE_COSTS.setModerationStatus);

    // Polling takes what is left less the reserve; the reserve stays for replies.
    const quota = youtubeQuota(10_000);
    clock.set((await findPollingState(services.database.db, 'youtube'))!.nextPollAt!);
    const budgets: number[] = [];
    const poll = world.poller.poll;
    const recordingBudget: typeof poll = (cursor, budget) => {
      budgets.push(budget.units);
      return poll(cursor, budget);
    };
    await runPoll(world.deps, { ...world.poller, poll: recordingBudget });
    expect(budgets).toEqual([quota.unitsPerDay - quota.reserveUnits - (usage?.unitsUsed ?? 0)]);
  });

  it('/metrics shows the units used today after each poll', async () => {
    addThreads(1);
    const metrics = createMetrics();
    await runPoll({ ...world.deps, metrics }, world.poller);
    expect(await metrics.registry.getSingleMetricAsString('switchboard_quota_units_used')).toContain(
      `switchboard_quota_units_used{source="youtube"} ${YOUTUBE_COSTS.listThreads}`,
    );
  });

  it('/kpi shows the units used today, polling and actions together', async () => {
    addThreads(1);
    await runPoll(world.deps, world.poller);
    const target = [...world.fake.comments.keys()][0]!;
    await world.client.perform({ platform: 'youtube', kind: 'reply', accountId: CHANNEL_ID, target, text: 'Thanks!' });
    const ctx = { db: services.database.db, now: clock.now, timeZone: 'America/Los_Angeles', settings: DEFAULT_KPI_SETTINGS };
    const report = await kpi.execute(ctx, kpi.parse('today'));
    const section = report.sections.find((candidate) => candidate.title === 'API quota today');
    expect(section?.rows).toEqual([{ label: 'YouTube', value: `${world.fake.unitsUsed} units used, resets 00:00` }]);
  });

  it('an action refused for quota waits until the reset', async () => {
    const [target] = addThreads(1);
    world.fake.spendElsewhere(world.fake.dailyQuota);
    const error = await rejection(world.client.perform({ platform: 'youtube', kind: 'hide', accountId: CHANNEL_ID, target: target! }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(RESET.getTime() - START.getTime());
    expect((error as Error).message).toMatch(/quota/iu);
  });

  it('moves to the next day’s count after the reset', async () => {
    addThreads(3);
    await runPoll(world.deps, world.poller);
    clock.set(new Date(RESET.getTime() + HOUR));
    const [usage] = await findQuotaUsage(services.database.db, clock.now());
    expect(usage?.unitsUsed).toBe(0);
    world.fake.resetQuota();
    await runPoll(world.deps, world.poller);
    expect(await findPollingState(services.database.db, 'youtube')).toMatchObject({
      unitsUsed: YOUTUBE_COSTS.listThreads,
      quotaResetsAt: new Date(RESET.getTime() + 24 * HOUR),
    });
  });
});
