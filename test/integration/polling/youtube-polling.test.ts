import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { youtubeQuota } from '../../../adapters/sources/youtube/index.js';
import { SWEEP_EVERY_POLLS } from '../../../adapters/sources/youtube/sweep.js';
import { runPoll } from '../../../src/polling/run-poll.js';
import { findPollingState } from '../../../src/store/polling-cursors.js';
import type { FakeYouTubeComment } from '../../fakes/fake-youtube.js';
import { usePollingServices } from './polling-services.js';
import { forgetYouTube, SECOND, startYouTubeWorld, storedCommentIds, testClock, type YouTubeWorld } from './youtube-world.js';

const services = usePollingServices();
// 05:00 Pacific: 19 hours of the quota day left.
const START = new Date('2026-07-01T12:00:00Z');
const VIDEOS = Array.from({ length: 50 }, (_, index) => `video-${index + 1}`);
const clock = testClock(START);
let world: YouTubeWorld;

beforeEach(async () => {
  clock.set(START);
  duplicates = 0;
  await forgetYouTube(services);
  world = await startYouTubeWorld(services, clock);
});
afterEach(async () => world.close());

let serial = 0;
const comment = (videoId: string, extra: Partial<FakeYouTubeComment> = {}): FakeYouTubeComment => {
  serial += 1;
  return world.fake.addComment({ videoId, authorChannelId: `UCviewer${serial}`, text: `comment ${serial}`, ...extra });
};

let duplicates = 0;
/** Polls once when the planner says; returns the delay it planned after. */
const pollWhenDue = async (): Promise<number> => {
  const state = await findPollingState(services.database.db, 'youtube');
  if (state?.nextPollAt) clock.set(state.nextPollAt);
  const outcome = await runPoll(world.deps, world.poller);
  if (outcome.status !== 'polled') throw new Error(`expected a poll, got ${outcome.status}`);
  duplicates += outcome.duplicates;
  return outcome.nextPollAt.getTime() - clock.now().getTime();
};

describe('YouTube polling', () => {
  it('finds 2,000 comments across 50 videos, none twice, within the quota the planner reports', async () => {
    const posted: string[] = [];
    // A burst before the first poll: four pages of threads.
    for (let index = 0; index < 400; index += 1) posted.push(comment(VIDEOS[index % 50]!).id);
    const delays = [await pollWhenDue()];
    let round = 0;
    while (posted.length < 2_000) {
      round += 1;
      // Forty new threads in the same second, one with eight replies (more than a thread carries), and
      // two new replies on a thread from an earlier round.
      const threads = Array.from({ length: 40 }, (_, index) => comment(VIDEOS[(round + index) % 50]!));
      posted.push(...threads.map((thread) => thread.id));
      for (let reply = 0; reply < 8; reply += 1) posted.push(comment(threads[0]!.videoId, { parentId: threads[0]!.id }).id);
      const older = world.fake.comments.get(posted[round * 7]!)!;
      const olderThread = older.parentId ?? older.id;
      for (let reply = 0; reply < 2; reply += 1) posted.push(comment(older.videoId, { parentId: olderThread }).id);
      delays.push(await pollWhenDue());
      // A comment stamped with the same second as the newest one the poll saw.
      if (round % 10 === 0) posted.push(comment(VIDEOS[round % 50]!, { publishedAt: threads[0]!.publishedAt }).id);
    }
    // Replies on older threads are found as the sweep comes by: one more page every few polls.
    for (let poll = 0; poll < SWEEP_EVERY_POLLS * 20; poll += 1) delays.push(await pollWhenDue());

    const stored = await storedCommentIds(services);
    expect(stored).toHaveLength(new Set(stored).size);
    // Not even handed to the store twice: the cursor stops each poll where the last one ended.
    expect(duplicates).toBe(0);
    expect(new Set(stored)).toEqual(new Set(posted));
    expect(posted.length).toBeGreaterThanOrEqual(2_000);

    const quota = youtubeQuota(10_000);
    const state = await findPollingState(services.database.db, 'youtube');
    expect(state?.unitsUsed).toBe(world.fake.unitsUsed);
    expect(world.fake.unitsUsed).toBeLessThanOrEqual(quota.unitsPerDay - quota.reserveUnits);
    // Never more often than every 15 s; with this budget, a new comment waits less than a minute.
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(15 * SECOND);
      expect(delay).toBeLessThanOrEqual(60 * SECOND);
    }
  });

  it('reads all the replies of a thread only when it says it has more than it carries', async () => {
    const small = comment('video-1');
    for (let reply = 0; reply < 3; reply += 1) comment('video-1', { parentId: small.id });
    const large = comment('video-2');
    for (let reply = 0; reply < 7; reply += 1) comment('video-2', { parentId: large.id });
    await pollWhenDue();
    const replyLists = () => world.fake.apiCalls().filter((call) => call.path === '/comments' && call.params.parentId !== undefined);
    expect(replyLists().map((call) => call.params.parentId)).toEqual([large.id]);

    await pollWhenDue();
    expect(replyLists()).toHaveLength(1);
    const late = comment('video-2', { parentId: large.id });
    await pollWhenDue();
    expect(replyLists()).toHaveLength(2);
    expect(await storedCommentIds(services)).toContain(late.id);
    expect(await storedCommentIds(services)).toHaveLength(2 + 3 + 8);
  });

  it('turns an edit into one edit event, and a second edit into another', async () => {
    const first = comment('video-3', { text: 'Where is my order?' });
    await pollWhenDue();
    clock.advance(5 * SECOND);
    world.fake.editComment(first.id, 'Where is my order? It is late.', clock.now());
    await pollWhenDue();
    await pollWhenDue();
    clock.advance(5 * SECOND);
    world.fake.editComment(first.id, 'Found it, thanks', clock.now());
    await pollWhenDue();

    const edits = await services.database.db
      .selectFrom('inbound_events')
      .select(['dedupe_key', 'payload'])
      .where('dedupe_key', 'like', 'youtube:edit:%')
      .orderBy('id')
      .execute();
    expect(edits.map((edit) => (edit.payload as { message: { text: string } }).message.text)).toEqual([
      'Where is my order? It is late.',
      'Found it, thanks',
    ]);
    expect(await storedCommentIds(services)).toEqual([first.id]);
  });

  it('starts with the last day, not the channel’s whole history', async () => {
    const old = comment('video-4', { publishedAt: new Date(START.getTime() - 3 * 24 * 60 * 60 * SECOND) });
    const recent = comment('video-4', { publishedAt: new Date(START.getTime() - 60 * 60 * SECOND) });
    await pollWhenDue();
    expect(await storedCommentIds(services)).toEqual([recent.id]);
    expect(await storedCommentIds(services)).not.toContain(old.id);
  });
});
