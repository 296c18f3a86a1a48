import type { PollBudget, PollQuota, PollResult, PollingSource } from '../../../src/domain/polling-source.js';
import type { InboundItem } from '../../../src/domain/source.js';

/** A platform's comment feed, in memory: what a poller would find there, in order. */
export class MemoryFeed {
  readonly items: InboundItem[] = [];

  publish(text: string): InboundItem {
    const n = this.items.length + 1;
    const item: InboundItem = {
      type: 'message',
      dedupeKey: `comment:${n}`,
      message: {
        externalId: `c${n}`,
        platform: 'memory',
        kind: 'comment',
        accountId: 'channel-1',
        author: { id: `viewer-${n}`, name: `Viewer ${n}` },
        text,
        post: { id: 'video-1' },
        createdAt: new Date('2026-07-01T11:00:00Z'),
        fromSelf: false,
      },
      raw: { id: `c${n}`, text },
    };
    this.items.push(item);
    return item;
  }

  /** A like or a status: stored for the record, never processed. */
  publishIgnored(reason: string): void {
    this.items.push({ type: 'ignored', dedupeKey: `ignored:${this.items.length + 1}`, reason, raw: { reason } });
  }
}

export interface MemorySourceOptions {
  name: string;
  intervalMs?: number;
  quota?: PollQuota;
  unitsPerPoll?: number;
  /** Serve the last item before the cursor again, as a poll "since the newest seen" does. */
  overlap?: boolean;
  /** How long the platform takes to answer. */
  latencyMs?: number;
}

export interface MemorySource extends PollingSource {
  readonly calls: { cursor: string | null; budget: PollBudget; at: number }[];
  /** The most polls that ran at the same moment. */
  readonly maxInFlight: number;
  /** The next poll throws this. */
  failNext: (error: Error) => void;
  /** Polls wait until released: a slow platform, or a worker that hangs mid-poll. */
  hold: () => { started: Promise<void>; release: () => void };
}

/** A test-only PollingSource over a MemoryFeed; its cursor is how many items it has seen. */
export const memorySource = (feed: MemoryFeed, options: MemorySourceOptions): MemorySource => {
  const calls: MemorySource['calls'] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failure: Error | undefined;
  let gate: { started: () => void; released: Promise<void> } | undefined;

  const poll = async (cursor: string | null, budget: PollBudget): Promise<PollResult> => {
    calls.push({ cursor, budget, at: Date.now() });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const waiting = gate;
      gate = undefined;
      waiting?.started();
      await waiting?.released;
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const thrown = failure;
      failure = undefined;
      if (thrown) throw thrown;
      const seen = cursor === null ? 0 : Number(cursor);
      const from = options.overlap ? Math.max(0, seen - 1) : seen;
      return { items: feed.items.slice(from), cursor: String(feed.items.length), unitsUsed: options.unitsPerPoll ?? 1 };
    } finally {
      inFlight -= 1;
    }
  };

  return {
    name: options.name,
    intervalMs: options.intervalMs ?? 60_000,
    ...(options.quota ? { quota: options.quota } : {}),
    poll,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    failNext: (error) => {
      failure = error;
    },
    hold: () => {
      let started = (): void => undefined;
      let release = (): void => undefined;
      const startedPromise = new Promise<void>((resolve) => (started = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      gate = { started, released };
      return { started: startedPromise, release };
    },
  };
};
