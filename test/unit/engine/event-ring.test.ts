import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/engine/context.js';
import { EventRing } from '../../../src/engine/event-ring.js';
import { eventsFrom } from '../../../src/engine/recent-events.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-23T10:00:00Z');

/** The reference: every event kept, newest first, counted as the live path counts them. */
const reference = (times: number[]) => eventsFrom([...times].reverse().map((at) => new Date(at)));

describe('EventRing: windows counted exactly, in constant time', () => {
  it('counts the events in (now − window, now], edges included as the list counts them', () => {
    const ring = new EventRing(10);
    for (const minute of [0, 10, 20, 30]) ring.record(T0 + minute * MINUTE);
    const now = T0 + 30 * MINUTE;
    expect(ring.countWithin(now, 10 * MINUTE)).toBe(1); // 20 is exactly 10 minutes back: outside, as before
    expect(ring.countWithin(now, 10 * MINUTE + 1)).toBe(2);
    expect(ring.countWithin(now, 60 * MINUTE)).toBe(4);
    expect(ring.countWithin(T0 + 15 * MINUTE, 60 * MINUTE)).toBe(2); // later events do not count
  });

  it('agrees with the full list up to its capacity, in order and out of order', () => {
    const random = seededRandom(7);
    for (const ordered of [true, false]) {
      const capacity = 6;
      const ring = new EventRing(capacity);
      const times: number[] = [];
      let at = T0;
      for (let i = 0; i < 500; i += 1) {
        at += Math.floor(random() * 3 * MINUTE);
        const time = ordered ? at : at - Math.floor(random() * 5 * MINUTE);
        ring.record(time);
        times.push(time);
        const window = Math.floor(random() * 30 * MINUTE);
        const exact = reference(times).countWithin(at, window);
        // Up to the capacity the count is exact; beyond it, it is at least the capacity.
        expect(Math.min(capacity, ring.countWithin(at, window))).toBe(Math.min(capacity, exact));
      }
    }
  });

  it('keeps at most twice its capacity however long the history', () => {
    const ring = new EventRing(20);
    for (let i = 0; i < 100_000; i += 1) ring.record(T0 + i);
    expect((ring as unknown as { times: number[] }).times.length).toBeLessThan(40);
    expect(ring.countWithin(T0 + 100_000, 1_000_000)).toBe(20);
  });
});
