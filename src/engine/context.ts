import { NO_EVENTS, type RecentEvents } from './recent-events.js';

/** Where a DM conversation stands in a playbook funnel. Stored by the shell, opaque to it. */
export interface FunnelState {
  funnel: string;
  step: string;
  /** Answers captured so far (quantity, email…). */
  data: Record<string, string | number>;
  /** Unanswered re-asks of the current step. */
  retries: number;
  done: boolean;
  updatedAt: Date;
}

/**
 * Everything the pure core may know besides the message. Each recent-events series excludes
 * the message being decided and answers "how many within W" for whatever windows the
 * playbook names, in time that does not grow with the history (see recent-events.ts).
 */
export interface EngineContext {
  now: Date;
  /** [0, 1), like Math.random; injected so replays and tests are repeatable. */
  random: () => number;
  author: {
    tags: string[];
    /** One of the brand's own or a team member's accounts: never auto-replied to. */
    isTeam: boolean;
    recentMessages: RecentEvents;
    /** Messages of this author that made automation act (see `isTrigger`). */
    recentTriggers: RecentEvents;
    recentHandoffs: RecentEvents;
    recentAutoReplies: RecentEvents;
  };
  post: {
    recentComments: RecentEvents;
    recentAutoReplies: RecentEvents;
  };
  conversation: { funnel: FunnelState | null };
  /** Phrasing ids recently sent to this author or on this post, newest first (a handful: the shell keeps the last 5 of each). */
  recentPhrasings: string[];
  /** Set when the shell already knows them (an LLM classifier, say); detected otherwise. */
  language?: string;
  sentiment?: number;
}

export const emptyContext = (now: Date, random: () => number): EngineContext => ({
  now,
  random,
  author: {
    tags: [],
    isTeam: false,
    recentMessages: NO_EVENTS,
    recentTriggers: NO_EVENTS,
    recentHandoffs: NO_EVENTS,
    recentAutoReplies: NO_EVENTS,
  },
  post: { recentComments: NO_EVENTS, recentAutoReplies: NO_EVENTS },
  conversation: { funnel: null },
  recentPhrasings: [],
});

/** A deterministic [0, 1) generator (mulberry32) for replays and tests. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
