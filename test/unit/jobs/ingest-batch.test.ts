import { describe, expect, it } from 'vitest';
import { createIngestBatcher } from '../../../src/jobs/ingest-batch.js';
import { NOTHING } from '../../../src/pipeline/pipeline-types.js';
import type { BatchResult } from '../../../src/pipeline/process-batch.js';

/** A batch processor that records the batches it was given and answers each event by `answer`. */
const recording = (answer: (eventId: string) => BatchResult = () => ({ outcome: NOTHING })) => {
  const batches: string[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  const process = async (eventIds: string[]) => {
    batches.push(eventIds);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await Promise.resolve();
    running -= 1;
    return new Map(eventIds.map((id) => [id, answer(id)]));
  };
  return { process, batches, mostAtOnce: () => mostAtOnce };
};

describe('the ingest batcher', () => {
  it('gathers events submitted together into one batch, up to the most a batch holds', async () => {
    const batches = recording();
    const batcher = createIngestBatcher(batches.process, { maxBatch: 3, gatherMs: 1 });
    await Promise.all(['1', '2', '3', '4', '5'].map((id) => batcher.submit(id)));
    expect(batches.batches).toEqual([
      ['1', '2', '3'],
      ['4', '5'],
    ]);
  });

  it("answers each job with its own event's outcome, and rejects only the event that failed", async () => {
    const failure = new Error('event 2 cannot be stored');
    const batches = recording((id) => (id === '2' ? { error: failure } : { outcome: { ...NOTHING, cardIds: [`card-${id}`] } }));
    const batcher = createIngestBatcher(batches.process, { maxBatch: 10, gatherMs: 1 });
    const results = await Promise.allSettled(['1', '2', '3'].map((id) => batcher.submit(id)));
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { cardIds: ['card-1'] } });
    expect(results[1]).toEqual({ status: 'rejected', reason: failure });
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { cardIds: ['card-3'] } });
  });

  it('one event submitted twice (a stalled job run again) is processed once, both jobs answered', async () => {
    const batches = recording();
    const batcher = createIngestBatcher(batches.process, { maxBatch: 10, gatherMs: 1 });
    await Promise.all([batcher.submit('7'), batcher.submit('7')]);
    expect(batches.batches).toEqual([['7']]);
  });

  it('runs at most maxInFlight batches at once', async () => {
    for (const maxInFlight of [1, 2]) {
      const batches = recording();
      const batcher = createIngestBatcher(batches.process, { maxBatch: 2, gatherMs: 1, maxInFlight });
      await Promise.all(['1', '2', '3', '4', '5', '6'].map((id) => batcher.submit(id)));
      expect(batches.batches).toHaveLength(3);
      expect(batches.mostAtOnce()).toBe(maxInFlight);
    }
  });

  it('while every slot is busy, the events that arrive gather into whole batches instead of queueing as small ones', async () => {
    let release = () => {};
    const batches: string[][] = [];
    const batcher = createIngestBatcher(
      async (eventIds) => {
        batches.push(eventIds);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return new Map(eventIds.map((id) => [id, { outcome: NOTHING }]));
      },
      { maxBatch: 3, gatherMs: 1, maxInFlight: 1 },
    );
    const first = batcher.submit('1');
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The first batch holds the only slot; these arrive one by one, each longer apart than gatherMs.
    const later: Promise<unknown>[] = [];
    for (const id of ['2', '3', '4', '5']) {
      later.push(batcher.submit(id));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([['1'], ['2', '3', '4'], ['5']]);
  });

  it("follows up on a batch's outcomes at once, before its jobs are answered", async () => {
    const followed: string[][] = [];
    const batches = recording((id) => ({ outcome: { ...NOTHING, actionIds: [`action-${id}`] } }));
    const batcher = createIngestBatcher(batches.process, { maxBatch: 3, gatherMs: 1 }, async (outcomes) => {
      followed.push(outcomes.flatMap((outcome) => outcome.actionIds));
    });
    const answered = await Promise.all(
      ['1', '2', '3'].map(async (id) => ({ id, followedBefore: (await batcher.submit(id)) && followed.length })),
    );
    expect(followed).toEqual([['action-1', 'action-2', 'action-3']]);
    expect(answered.map((job) => job.followedBefore)).toEqual([1, 1, 1]);
  });

  it('a follow-up that fails rejects the jobs of its batch (they retry; the reconciler finds what is unfinished)', async () => {
    const batcher = createIngestBatcher(recording().process, { maxBatch: 10, gatherMs: 1 }, async () => {
      throw new Error('Redis went away');
    });
    const results = await Promise.allSettled([batcher.submit('1'), batcher.submit('2')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('a batch that throws as a whole rejects each of its events', async () => {
    const batcher = createIngestBatcher(
      async () => {
        throw new Error('Postgres went away');
      },
      { maxBatch: 10, gatherMs: 1 },
    );
    const results = await Promise.allSettled([batcher.submit('1'), batcher.submit('2')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
