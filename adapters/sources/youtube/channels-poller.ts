import { z } from 'zod';
import type { PollBudget, PollResult, PollingSource } from '../../../src/domain/polling-source.js';
import type { InboundItem } from '../../../src/domain/source.js';
import { YOUTUBE } from './map.js';

/** One channel's poll: its id and what reads it (the single-channel poller's `poll`). */
export interface ChannelPoll {
  channelId: string;
  poll: PollingSource['poll'];
}

// Each channel keeps its own cursor, all in the one `youtube` row: that row is also the project's quota ledger.
const cursorsSchema = z.object({ v: z.literal('channels'), byChannel: z.record(z.string(), z.string().nullable()) });
type Cursors = Record<string, string | null>;

/** A single channel's cursor (stored before a second channel was mapped) stays the first channel's. */
const readCursors = (text: string | null, firstChannel: string): Cursors => {
  if (text === null) return {};
  try {
    const parsed = cursorsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { ...parsed.data.byChannel };
  } catch {
    // Not JSON of ours: the older single-channel form, read below.
  }
  return { [firstChannel]: text };
};

const writeCursors = (byChannel: Cursors): string => JSON.stringify({ v: 'channels', byChannel });

interface Progress {
  items: InboundItem[];
  cursors: Cursors;
  units: number;
  failures: unknown[];
}

/**
 * Each channel in turn, each given an even share of the units left so the first cannot starve the
 * rest. A channel that fails (its token refused) keeps its cursor and is read again next poll; the
 * poll fails only when every channel did. A quotaExceeded stops the round: the quota is the project's.
 */
const pollChannels = async (channels: readonly ChannelPoll[], cursorText: string | null, budget: PollBudget): Promise<PollResult> => {
  const progress: Progress = { items: [], cursors: readCursors(cursorText, channels[0]?.channelId ?? ''), units: 0, failures: [] };
  for (const [index, channel] of channels.entries()) {
    const share = { units: (budget.units - progress.units) / (channels.length - index) };
    try {
      const result = await channel.poll(progress.cursors[channel.channelId] ?? null, share);
      progress.items.push(...result.items);
      progress.units += result.unitsUsed;
      progress.cursors[channel.channelId] = result.cursor;
      if (result.quotaExceeded !== undefined) return { ...resultOf(progress), quotaExceeded: result.quotaExceeded };
    } catch (error) {
      progress.failures.push(error);
    }
  }
  if (progress.failures.length === channels.length) throw progress.failures[0];
  return resultOf(progress);
};

const resultOf = (progress: Progress): PollResult => ({
  items: progress.items,
  cursor: writeCursors(progress.cursors),
  unitsUsed: progress.units,
});

/**
 * Several channels as ONE polled source: YouTube's daily quota belongs to the Google Cloud project,
 * not the channel, so they share one ledger, one planner and one interval, and a quiet poll costs a
 * channel's quiet poll times the channels (the planner spaces polls by it, dividing the share).
 */
export const createChannelsPoller = (first: PollingSource, channels: readonly ChannelPoll[]): PollingSource => {
  const quota = first.quota && { ...first.quota, pollUnits: (first.quota.pollUnits ?? 1) * channels.length };
  return {
    name: YOUTUBE,
    intervalMs: first.intervalMs,
    ...(quota ? { quota } : {}),
    poll: (cursor, budget) => pollChannels(channels, cursor, budget),
  };
};
