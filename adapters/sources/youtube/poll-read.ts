import type { YouTubeCursor } from './cursor.js';
import type { YouTubeComment, YouTubeThread } from './schema.js';
import type { UnitMeter, YouTubeApi } from './youtube-api.js';

export interface SweepState {
  pageToken: string | null;
  page: number;
  pollsSince: number;
}

export interface PollScope {
  api: YouTubeApi;
  channelId: string;
  cursor: YouTubeCursor;
  meter: UnitMeter & { readonly units: number };
  /** What this poll may spend. */
  budget: number;
  now: Date;
}

/** What one poll read: the threads down to the cursor, all the replies of those whose five included ones were not all. */
export interface PollRead {
  threads: YouTubeThread[];
  /** Thread id → every reply, where the thread's included ones were not all of them and they were fetched. */
  allReplies: Map<string, YouTubeComment[]>;
  /** Down to the cursor, and every reply needed: only then may the cursor move. */
  complete: boolean;
  sweep: SweepState;
}

/** Comments arriving while a poll pages shift the pages: a thread already read this poll is not read twice. */
export const addThreads = (read: PollRead, threads: readonly YouTubeThread[]): void => {
  const known = new Set(read.threads.map((thread) => thread.id));
  read.threads.push(...threads.filter((thread) => !known.has(thread.id)));
};
