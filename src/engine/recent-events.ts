/**
 * One series of an author's or a post's recent events (messages, triggers, handoffs,
 * comments, automatic replies) as the engine counts them. The shell decides how it keeps
 * them; the engine only asks how many fell within a window, in time the history's size
 * does not change.
 */
export interface RecentEvents {
  /**
   * How many happened in (now − windowMs, now]. Exact up to the playbook's `countLimit`
   * (the most any counter or cap needs to tell apart); a series may stop counting there.
   */
  countWithin(now: number, windowMs: number): number;
}

/** A series with nothing in it. */
export const NO_EVENTS: RecentEvents = { countWithin: () => 0 };

/**
 * Counts newest first, stopping at the first event outside the window (or at `limit`
 * events), as the live path and tests hand them over: a list that is already bounded.
 */
export const eventsFrom = (times: readonly Date[]): RecentEvents =>
  times.length === 0
    ? NO_EVENTS
    : {
        countWithin: (now, windowMs) => {
          const since = now - windowMs;
          let count = 0;
          for (const time of times) {
            const at = time.getTime();
            if (at <= since) break;
            if (at <= now) count += 1;
          }
          return count;
        },
      };
