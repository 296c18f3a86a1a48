import type { Decision, DecisionKind } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import { isTrigger } from '../engine/index.js';
import type { Db } from '../store/db.js';
import { readHistory, type HistoryRecords } from '../store/history.js';
import type { StoredMessage } from '../store/messages.js';

const HISTORY_DAYS = 30;
const HISTORY_LIMIT = 100;

export interface LoadedHistory {
  tags: string[];
  recentMessages: Date[];
  recentTriggers: Date[];
  recentHandoffs: Date[];
  recentAutoReplies: Date[];
  postRecentComments: Date[];
  postRecentAutoReplies: Date[];
  recentPhrasings: string[];
  /** The conversation's funnel state as stored (opaque here; the engine bridge parses it). */
  funnel: unknown;
}

/** One trigger per message whose decisions made automation act (the engine's own definition). */
const triggerTimes = (authorDecisions: HistoryRecords['authorDecisions']): Date[] => {
  const byMessage = new Map<string, { at: Date; decisions: Pick<Decision, 'kind'>[] }>();
  for (const decision of authorDecisions) {
    const entry = byMessage.get(decision.messageId) ?? { at: decision.at, decisions: [] };
    entry.decisions.push({ kind: decision.kind as DecisionKind });
    byMessage.set(decision.messageId, entry);
  }
  return [...byMessage.values()].filter((entry) => isTrigger(entry.decisions as Decision[])).map((entry) => entry.at);
};

const recentPhrasings = (records: HistoryRecords): string[] =>
  [...records.authorDecisions, ...records.postAutoReplies]
    .filter((decision) => decision.phrasing)
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .map((decision) => decision.phrasing!)
    .slice(0, 10);

/** The bounds of what is read about an author and a post when deciding at `now`. */
export const historyWindow = (now: Date) => ({
  since: new Date(now.getTime() - HISTORY_DAYS * 86_400_000),
  postSince: new Date(now.getTime() - 86_400_000),
  limit: HISTORY_LIMIT,
});

/** The engine's view of stored records (pure); the message being decided is not its own history. */
export const historyFromRecords = (records: HistoryRecords, messageId: string): LoadedHistory => {
  // An edited message is decided again: its own earlier decisions are not history.
  const authorDecisions = records.authorDecisions.filter((decision) => decision.messageId !== messageId);
  const decisionsOf = (kind: DecisionKind) => authorDecisions.filter((decision) => decision.kind === kind).map(({ at }) => at);
  return {
    tags: records.tags,
    recentMessages: records.authorMessages,
    recentTriggers: triggerTimes(authorDecisions),
    recentHandoffs: decisionsOf('handoff'),
    recentAutoReplies: decisionsOf('auto_reply'),
    postRecentComments: records.postComments,
    postRecentAutoReplies: records.postAutoReplies.map((decision) => decision.at),
    recentPhrasings: recentPhrasings({ ...records, authorDecisions }),
    funnel: records.funnel,
  };
};

/**
 * What the engine may know about an author and a post, as bounded lists of timestamps (newest
 * first), so the playbook's windows stay configurable. Excludes the message being decided.
 */
export const loadHistory = async (db: Db, message: Message, stored: StoredMessage, now: Date): Promise<LoadedHistory> => {
  const records = await readHistory(db, {
    contactId: stored.contactId,
    conversationId: stored.conversationId,
    messageId: stored.messageId,
    platform: message.platform,
    postId: message.post?.id ?? null,
    ...historyWindow(now),
  });
  return historyFromRecords(records, stored.messageId);
};
