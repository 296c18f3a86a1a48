import type { RecentEvents } from './recent-events.js';

/**
 * The last `capacity` event times of one series, oldest first, in a plain array that is
 * trimmed by half once it holds twice the capacity: recording is O(1) amortised and
 * counting looks at no more than `capacity` entries, however long the history. With the
 * capacity at the playbook's `countLimit`, every counter and cap compares exactly
 * (a count only has to be told apart up to its largest threshold). Times are epoch ms.
 */
export class EventRing implements RecentEvents {
  private times: number[];
  /** Recorded in time order so far: then a window's edge is found by bisection. */
  private ordered = true;
  /** Entries looked at by counting, ever: how the replay cost test shows the work per message does not grow. */
  examined = 0;

  /** `first`, when given, is recorded at once: most series of a one-off author hold one event, in an array of one. */
  constructor(
    private readonly capacity: number,
    first?: number,
  ) {
    this.times = first === undefined ? [] : [first];
  }

  record(at: number): void {
    const times = this.times;
    if (times.length > 0 && at < (times[times.length - 1] as number)) this.ordered = false;
    times.push(at);
    if (times.length >= 2 * this.capacity) this.times = times.slice(times.length - this.capacity);
  }

  /** Event times held: never more than twice the capacity. */
  get size(): number {
    return this.times.length;
  }

  /** The newest event, or -Infinity: for forgetting series no window can reach any more. */
  newest(): number {
    return this.times.length === 0 ? Number.NEGATIVE_INFINITY : (this.times[this.times.length - 1] as number);
  }

  countWithin(now: number, windowMs: number): number {
    const stop = Math.max(0, this.times.length - this.capacity);
    return this.ordered ? this.bisect(stop, now, windowMs) : this.scan(stop, now, windowMs);
  }

  /** In time order: the events after `now − windowMs` and up to `now`, found in O(log capacity). */
  private bisect(stop: number, now: number, windowMs: number): number {
    return this.firstAfter(stop, now) - this.firstAfter(stop, now - windowMs);
  }

  /** The index of the first time after `bound` in times[from…], which are in ascending order. */
  private firstAfter(from: number, bound: number): number {
    const times = this.times;
    let low = from;
    let high = times.length;
    while (low < high) {
      this.examined += 1;
      const middle = (low + high) >>> 1;
      if ((times[middle] as number) <= bound) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Out of order (a replay file need not be sorted): newest recorded first, up to the first one outside the window. */
  private scan(stop: number, now: number, windowMs: number): number {
    const times = this.times;
    const since = now - windowMs;
    let count = 0;
    for (let index = times.length - 1; index >= stop; index -= 1) {
      const at = times[index] as number;
      this.examined += 1;
      if (at <= since) break;
      if (at <= now) count += 1;
    }
    return count;
  }
}
