import { describe, expect, it } from 'vitest';
import { ReplayHistory } from '../../../src/cli/replay-history.js';
import type { Message } from '../../../src/domain/message.js';
import { seededRandom } from '../../../src/engine/context.js';
import { NO_EVENTS } from '../../../src/engine/recent-events.js';

/*
 * Replay remembers at most 50,000 authors, posts and conversations; past that the oldest goes.
 * "Oldest" must stay right after many evictions and a sweep (the replay keeps one iterator per
 * map instead of starting a new one per eviction).
 */

const BOUND = 50_000;
const START = Date.parse('2026-10-01T12:00:00Z');
const WEEK = 7 * 86_400_000;

const comment = (author: string, at: number): Message => ({
  externalId: `${author}-${at}`,
  platform: 'youtube',
  kind: 'comment',
  accountId: 'yt-brand',
  author: { id: author },
  text: 'nice',
  createdAt: new Date(at),
  fromSelf: false,
});

const remembers = (history: ReplayHistory, author: string, at: number): boolean =>
  history.context(comment(author, at), seededRandom(1)).author.recentMessages !== NO_EVENTS;

describe('replay history: a bounded memory of authors', () => {
  it('forgets the authors first seen longest ago, one per new author past the bound, however many went before', () => {
    const history = new ReplayHistory(WEEK, 0, 5);
    const at = START;
    for (let index = 0; index < BOUND + 2_500; index += 1) history.record(comment(`a${index}`, at), []);
    expect(remembers(history, 'a0', at)).toBe(false);
    expect(remembers(history, 'a2499', at)).toBe(false);
    expect(remembers(history, 'a2500', at)).toBe(true);
    expect(remembers(history, `a${BOUND + 2_499}`, at)).toBe(true);
  });

  it('after a sweep dropped what it was about to evict, evicts the oldest author that is left', () => {
    const history = new ReplayHistory(60_000, 0, 5);
    for (let index = 0; index < BOUND; index += 1) history.record(comment(`x${index}`, START), []);
    history.record(comment('y', START), []);
    expect(remembers(history, 'x0', START)).toBe(false);
    // y again, a week on, until the 100,000th record sweeps every x out of all windows.
    const later = START + WEEK;
    for (let count = BOUND + 1; count < 2 * BOUND; count += 1) history.record(comment('y', later), []);
    expect(remembers(history, 'x1', later)).toBe(false);
    expect(remembers(history, 'y', later)).toBe(true);
    // y and 50,000 new authors: one too many, and y, first seen of those left, goes.
    for (let index = 0; index < BOUND; index += 1) history.record(comment(`z${index}`, later), []);
    expect(remembers(history, 'y', later)).toBe(false);
    expect(remembers(history, 'z0', later)).toBe(true);
  });
});
