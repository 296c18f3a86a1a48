import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import type { EngineContext, FunnelState } from '../engine/context.js';
import { EventRing } from '../engine/event-ring.js';
import { NO_EVENTS } from '../engine/recent-events.js';
import { isTrigger } from '../engine/safety.js';

const KEEP_PHRASINGS = 5;
const MAX_ENTRIES = 50_000;
const SWEEP_EVERY = 50_000;
const NONE: never[] = [];

type Series = 'messages' | 'triggers' | 'handoffs' | 'autoReplies' | 'comments';

/**
 * Each series' newest events, undefined until the first event, so a one-off author costs little.
 * A class, not object literals that gain fields as events come: every entry has one shape, and
 * reading them per message stays monomorphic.
 */
class Histories {
  messages: EventRing | undefined = undefined;
  triggers: EventRing | undefined = undefined;
  handoffs: EventRing | undefined = undefined;
  autoReplies: EventRing | undefined = undefined;
  comments: EventRing | undefined = undefined;
  tags: string[] | undefined = undefined;
  phrasings: string[] | undefined = undefined;
  funnel: FunnelState | undefined = undefined;
}

/** Stands for every author, post and conversation with no history yet; never written to. */
const NO_HISTORY = new Histories();

/**
 * Histories by platform, then id (no key strings to build per message), with the oldest
 * forgotten beyond a bound so a huge replay stays in bounded memory.
 */
class Recent {
  private readonly byPlatform = new Map<string, Map<string, Histories>>();
  /**
   * Per platform, one iterator over its map's keys that is never restarted: it yields the oldest
   * live entry, as `map.keys().next()` would, without walking again over every entry deleted
   * since the map was last rehashed (a million distinct authors evict one each: that walk was
   * most of replay's bookkeeping).
   */
  private readonly oldestFirst = new Map<Map<string, Histories>, Iterator<string>>();
  private size = 0;

  /** Reads without creating: most authors and posts are seen only once. */
  peek(platform: string, id: string): Histories | undefined {
    return this.byPlatform.get(platform)?.get(id);
  }

  /** Drops what no window can count any more; keeps only the tags of quiet authors. */
  sweep(oldest: number, oldestFunnel: number): void {
    for (const map of this.byPlatform.values()) {
      map.forEach((entry, key) => {
        const kept = compact(entry, oldest, oldestFunnel);
        if (kept === entry) return;
        if (kept === null) {
          map.delete(key);
          this.size -= 1;
        } else {
          map.set(key, kept);
        }
      });
    }
  }

  get(platform: string, id: string): Histories {
    let map = this.byPlatform.get(platform);
    if (map === undefined) {
      map = new Map();
      this.byPlatform.set(platform, map);
    }
    let value = map.get(id);
    if (value !== undefined) return value;
    value = new Histories();
    map.set(id, value);
    this.size += 1;
    // The sweep already drops whatever went quiet; past the bound, the oldest entry goes.
    if (this.size > MAX_ENTRIES) {
      let order = this.oldestFirst.get(map);
      if (order === undefined) {
        order = map.keys();
        this.oldestFirst.set(map, order);
      }
      // Every key it passed was deleted here, and a key set again goes to the end: what it yields is the oldest.
      const oldest = order.next().value as string;
      map.delete(oldest);
      this.size -= 1;
    }
    return value;
  }
}

/** The entry itself while it may still count; a smaller one, or null, once it cannot. */
const compact = (entry: Histories, oldest: number, oldestFunnel: number): Histories | null => {
  if (entry.funnel !== undefined) return entry.funnel.updatedAt.getTime() < oldestFunnel ? null : entry;
  if (entry.messages === undefined && entry.comments === undefined) return entry;
  const newest = Math.max(
    entry.messages?.newest() ?? 0,
    entry.comments?.newest() ?? 0,
    entry.autoReplies?.newest() ?? 0,
    entry.handoffs?.newest() ?? 0,
  );
  if (newest >= oldest) return entry;
  if (entry.tags === undefined) return null;
  const kept = new Histories();
  kept.tags = entry.tags;
  return kept;
};

const pushTime = (entry: Histories, series: Series, at: number, countLimit: number): void => {
  const ring = entry[series];
  if (ring === undefined) entry[series] = new EventRing(countLimit, at);
  else ring.record(at);
};

const pushPhrasing = (entry: Histories, phrasing: string): void => {
  const list = (entry.phrasings ??= []);
  list.unshift(phrasing);
  if (list.length > KEEP_PHRASINGS) list.length = KEEP_PHRASINGS;
};

const conversationId = (message: Message): string => `${message.accountId}:${message.threadId ?? message.author.id}`;

/**
 * What the Postgres/Redis shell would remember between messages, kept in memory for a
 * replay: author and post windows, tags, funnel states, recently used phrasings.
 */
export class ReplayHistory {
  private readonly authors = new Recent();
  private readonly posts = new Recent();
  private readonly conversations = new Recent();
  private recorded = 0;
  /** What `context` found for the message it was last asked about, so `record` need not look again. */
  private peekedMessage: Message | undefined;
  private peekedAuthor: Histories | undefined;
  private peekedPost: Histories | undefined;

  constructor(
    private readonly longestWindowMs: number,
    /** Funnel states older than this have expired: the next DM starts over anyway. */
    private readonly funnelExpiryMs: number = 7 * 86_400_000,
    /** The playbook's `countLimit`: how many of each series' newest events a ring keeps. */
    private readonly countLimit: number = 50,
  ) {}

  /** The context the shell would load; `language` when the caller already detected it. */
  context(message: Message, random: () => number, language?: string): EngineContext {
    const { platform } = message;
    const peekedAuthor = this.authors.peek(platform, message.author.id);
    const peekedPost = message.post === undefined ? undefined : this.posts.peek(platform, message.post.id);
    this.peekedMessage = message;
    this.peekedAuthor = peekedAuthor;
    this.peekedPost = peekedPost;
    const author = peekedAuthor ?? NO_HISTORY;
    const post = message.post === undefined ? undefined : (peekedPost ?? NO_HISTORY);
    const conversation = message.kind === 'dm' ? this.conversations.peek(platform, conversationId(message)) : undefined;
    // The engine only reads them, before `record` adds this message's: the post's own list
    // serves as it is when the author has none, rather than a copy per message of a busy post.
    const phrasings =
      post?.phrasings === undefined
        ? (author.phrasings ?? NONE)
        : author.phrasings === undefined
          ? post.phrasings
          : [...author.phrasings, ...post.phrasings];
    const context: EngineContext = {
      now: message.createdAt,
      random,
      author: {
        tags: author.tags ?? NONE,
        isTeam: message.author.id === message.accountId,
        recentMessages: author.messages ?? NO_EVENTS,
        recentTriggers: author.triggers ?? NO_EVENTS,
        recentHandoffs: author.handoffs ?? NO_EVENTS,
        recentAutoReplies: author.autoReplies ?? NO_EVENTS,
      },
      post: { recentComments: post?.comments ?? NO_EVENTS, recentAutoReplies: post?.autoReplies ?? NO_EVENTS },
      conversation: { funnel: conversation?.funnel ?? null },
      recentPhrasings: phrasings,
    };
    if (language !== undefined) context.language = language;
    return context;
  }

  record(message: Message, decisions: readonly Decision[]): void {
    const at = message.createdAt.getTime();
    const limit = this.countLimit;
    this.recorded += 1;
    if (this.recorded % SWEEP_EVERY === 0) {
      const oldest = at - this.longestWindowMs;
      this.authors.sweep(oldest, 0);
      this.posts.sweep(oldest, 0);
      this.conversations.sweep(oldest, at - this.funnelExpiryMs);
      // The sweep may have dropped or replaced what `context` found.
      this.peekedMessage = undefined;
    }
    const { platform } = message;
    const peeked = this.peekedMessage === message;
    const author = (peeked ? this.peekedAuthor : undefined) ?? this.authors.get(platform, message.author.id);
    const post =
      message.post === undefined ? undefined : ((peeked ? this.peekedPost : undefined) ?? this.posts.get(platform, message.post.id));
    pushTime(author, 'messages', at, limit);
    if (post && message.kind !== 'dm') pushTime(post, 'comments', at, limit);
    if (isTrigger(decisions)) pushTime(author, 'triggers', at, limit);
    for (const decision of decisions) {
      const phrasing = decision.detail?.phrasing;
      if (decision.kind === 'handoff') pushTime(author, 'handoffs', at, limit);
      if (decision.kind === 'tag' && decision.tag && !(author.tags ?? NONE).includes(decision.tag)) {
        (author.tags ??= []).push(decision.tag);
      }
      if (decision.kind === 'auto_reply') {
        pushTime(author, 'autoReplies', at, limit);
        if (post) pushTime(post, 'autoReplies', at, limit);
      }
      if ((decision.kind === 'auto_reply' || decision.kind === 'funnel') && typeof phrasing === 'string') {
        pushPhrasing(author, phrasing);
        if (post) pushPhrasing(post, phrasing);
      }
      if (decision.kind === 'funnel')
        this.conversations.get(platform, conversationId(message)).funnel = decision.detail?.state as FunnelState;
    }
  }
}
