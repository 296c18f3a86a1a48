import { MAX_TRACKED_THREADS } from './cursor.js';
import { addThreads, type PollRead, type PollScope, type SweepState } from './poll-read.js';
import { YOUTUBE_COSTS } from './quota-costs.js';
import { listThreads } from './youtube-calls.js';
import { YouTubeQuotaExceededError } from './youtube-errors.js';

/*
 * A new reply on an older thread does not bring the thread back among the newest ones (whether
 * `order=time` sorts by a thread's start or its latest reply is not documented), so every few polls one
 * more page of older threads is read, continuing where the last sweep page stopped, to see their reply
 * counts. A sweep covers the threads of the last week, as many as are tracked, then starts over.
 */
export const SWEEP_EVERY_POLLS = 6;
const SWEEP_HORIZON_MS = 7 * 24 * 60 * 60_000;
const SWEEP_PAGES = Math.ceil(MAX_TRACKED_THREADS / 100);

const restart = (): SweepState => ({ pageToken: null, page: 0, pollsSince: 0 });

/** One page further into the older threads, when it is its turn and the budget has room; the sweep's new state. */
export const sweepOnePage = async (scope: PollScope, read: PollRead, afterNewest: string | undefined): Promise<SweepState> => {
  const state = scope.cursor.sweep;
  const pageToken = state.pageToken ?? afterNewest;
  if (state.pollsSince + 1 < SWEEP_EVERY_POLLS) return { ...state, pollsSince: state.pollsSince + 1 };
  if (pageToken === undefined) return restart();
  if (scope.meter.units + YOUTUBE_COSTS.listThreads > scope.budget) return state;
  try {
    const page = await listThreads(scope.api, scope.meter, { channelId: scope.channelId, pageToken });
    addThreads(read, page.items);
    const last = page.items.at(-1);
    const pastHorizon =
      last === undefined || Date.parse(last.snippet.topLevelComment.snippet.publishedAt) < scope.now.getTime() - SWEEP_HORIZON_MS;
    if (pastHorizon || page.nextPageToken === undefined || state.page + 1 >= SWEEP_PAGES) return restart();
    return { pageToken: page.nextPageToken, page: state.page + 1, pollsSince: 0 };
  } catch (error) {
    // A page token that no longer works: start the sweep over rather than fail the poll.
    if (error instanceof YouTubeQuotaExceededError) throw error;
    return restart();
  }
};
