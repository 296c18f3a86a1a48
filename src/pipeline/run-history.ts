import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import type { HistoryRecords } from '../store/history.js';
import { postKey, type RunHistoryRecords } from '../store/history-batch.js';
import type { StoredMessage } from '../store/messages.js';
import { historyFromRecords, type LoadedHistory } from './load-context.js';

type AuthorDecision = HistoryRecords['authorDecisions'][number];
type PostAutoReply = HistoryRecords['postAutoReplies'][number];

export interface HistoryWindow {
  since: Date;
  postSince: Date;
  limit: number;
}

/** The newest `limit` of what was read and what was added since, newest first (what the read would return now). */
const newest = <T>(limit: number, read: readonly T[], added: readonly T[], at: (item: T) => Date): T[] =>
  added.length === 0 ? [...read] : [...read, ...added].sort((a, b) => at(b).getTime() - at(a).getTime()).slice(0, limit);

const itself = (date: Date) => date;
const when = (item: { at: Date }) => item.at;

/** What `detail->>'phrasing'` reads back from a recorded decision. */
const phrasingOf = (decision: Decision): string | null => {
  const phrasing = decision.detail?.phrasing;
  if (phrasing === undefined || phrasing === null) return null;
  return typeof phrasing === 'string' ? phrasing : JSON.stringify(phrasing);
};

const listIn = <V>(map: Map<string, V>, key: string, empty: () => V): V => {
  const found = map.get(key);
  if (found) return found;
  const created = empty();
  map.set(key, created);
  return created;
};

/**
 * The history of a batch's authors and posts as read once before deciding, plus what each message
 * decided since, in arrival order: message n sees messages 1…n−1 of its author and post, their
 * decisions, tags and funnel steps, exactly as if each had been recorded before it was decided —
 * the same lists, bounded the same way, that `loadHistory` would read (pure, in memory).
 */
export const createRunHistory = (read: RunHistoryRecords, window: HistoryWindow) => {
  const authors = new Map<string, { messages: Date[]; decisions: AuthorDecision[] }>();
  const posts = new Map<string, { comments: Date[]; autoReplies: PostAutoReply[] }>();
  const tags = new Map([...read.authors].map(([id, author]) => [id, author.tags]));
  const funnels = new Map(read.funnels);

  const load = (message: Message, stored: StoredMessage): LoadedHistory => {
    const author = read.authors.get(stored.contactId);
    const addedByAuthor = authors.get(stored.contactId);
    const key = message.post ? postKey(message.platform, message.post.id) : undefined;
    const post = key ? read.posts.get(key) : undefined;
    const addedOnPost = key ? posts.get(key) : undefined;
    const records: HistoryRecords = {
      tags: tags.get(stored.contactId) ?? [],
      funnel: funnels.get(stored.conversationId) ?? null,
      authorMessages: newest(window.limit, author?.authorMessages ?? [], addedByAuthor?.messages ?? [], itself),
      authorDecisions: newest(window.limit * 3, author?.authorDecisions ?? [], addedByAuthor?.decisions ?? [], when),
      postComments: newest(window.limit, post?.postComments ?? [], addedOnPost?.comments ?? [], itself),
      postAutoReplies: newest(window.limit, post?.postAutoReplies ?? [], addedOnPost?.autoReplies ?? [], when),
    };
    return historyFromRecords(records, stored.messageId);
  };

  /** A decided message becomes history for the ones after it: its time, its decisions (at the transaction's time), tags and funnel step. */
  const append = (message: Message, stored: StoredMessage, decided: { decisions: Decision[]; tags: string[]; funnelState?: unknown }) => {
    const author = listIn(authors, stored.contactId, () => ({ messages: [], decisions: [] }));
    if (message.createdAt.getTime() >= window.since.getTime()) author.messages.push(message.createdAt);
    for (const decision of decided.decisions) {
      if (decision.kind !== 'ignore')
        author.decisions.push({ kind: decision.kind, messageId: stored.messageId, at: read.now, phrasing: phrasingOf(decision) });
    }
    if (message.post) {
      const post = listIn(posts, postKey(message.platform, message.post.id), () => ({ comments: [], autoReplies: [] }));
      if (!message.fromSelf && message.createdAt.getTime() >= window.postSince.getTime()) post.comments.push(message.createdAt);
      for (const decision of decided.decisions) {
        if (decision.kind === 'auto_reply') post.autoReplies.push({ at: read.now, phrasing: phrasingOf(decision) });
      }
    }
    if (decided.tags.length > 0) tags.set(stored.contactId, [...new Set([...(tags.get(stored.contactId) ?? []), ...decided.tags])].sort());
    // Stored as JSON and read back as JSON: the engine parses it the same way either way.
    if (decided.funnelState !== undefined) funnels.set(stored.conversationId, JSON.parse(JSON.stringify(decided.funnelState)));
  };

  return { load, append };
};
