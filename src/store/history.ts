import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * Transaction-scoped advisory locks on the given keys (an author, a post), so counters and caps
 * see every earlier decision, even from other workers. Sorted so two workers locking the same
 * keys never wait on each other in a cycle; one statement, locks taken left to right.
 */
export const lockHistory = async (trx: Db, keys: string[]): Promise<void> => {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  await sql`SELECT ${sql.join(sorted.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`))}`.execute(trx);
};

export interface HistoryQuery {
  contactId: string;
  conversationId: string;
  /** The message being decided, left out of its own history. */
  messageId: string;
  platform: string;
  postId: string | null;
  /** The oldest author message and decision to read. */
  since: Date;
  /** The oldest comment on the post to read. */
  postSince: Date;
  /** At most this many rows per list (three times as many of the author's decisions). */
  limit: number;
}

/** What is stored about an author and a post, newest first, bounded by the query's window. */
export interface HistoryRecords {
  tags: string[];
  /** The conversation's funnel state as stored (opaque here). */
  funnel: unknown;
  authorMessages: Date[];
  authorDecisions: { kind: string; messageId: string; at: Date; phrasing: string | null }[];
  postComments: Date[];
  postAutoReplies: { at: Date; phrasing: string | null }[];
}

interface HistoryRow {
  tags: string[] | null;
  funnel: unknown;
  author_messages: string[] | null;
  author_decisions: { kind: string; message_id: string; at: string; phrasing: string | null }[] | null;
  post_messages: string[] | null;
  post_decisions: { at: string; phrasing: string | null }[] | null;
}

const dates = (values: string[] | null): Date[] => (values ?? []).map((value) => new Date(value));

/**
 * The one statement the live path runs for every inbound message: four index range scans,
 * newest first, each bounded by time and by a LIMIT (decisions carry their message's contact
 * and post: migration 0013), so its work does not grow with an author's or a post's history.
 */
export const historyStatement = (query: HistoryQuery) => {
  const { contactId, conversationId, messageId, platform, postId, since, postSince, limit } = query;
  return sql<HistoryRow>`
    SELECT
      (SELECT tags FROM contacts WHERE id = ${contactId}) AS tags,
      (SELECT funnel_state FROM conversations WHERE id = ${conversationId}) AS funnel,
      (SELECT array_agg(created_at ORDER BY created_at DESC) FROM (
        SELECT created_at FROM messages
        WHERE contact_id = ${contactId} AND id <> ${messageId} AND created_at >= ${since}
        ORDER BY created_at DESC LIMIT ${limit}) m) AS author_messages,
      (SELECT json_agg(json_build_object('kind', kind, 'message_id', message_id::text, 'at', created_at, 'phrasing', phrasing) ORDER BY created_at DESC) FROM (
        SELECT d.kind, d.message_id, d.created_at, d.detail->>'phrasing' AS phrasing
        FROM decisions d
        WHERE d.contact_id = ${contactId} AND d.created_at >= ${since} AND d.kind <> 'ignore'
        ORDER BY d.created_at DESC LIMIT ${limit * 3}) d) AS author_decisions,
      (SELECT array_agg(created_at ORDER BY created_at DESC) FROM (
        SELECT created_at FROM messages
        WHERE ${postId}::text IS NOT NULL AND platform = ${platform} AND post_id = ${postId}
          AND id <> ${messageId} AND direction = 'inbound' AND created_at >= ${postSince}
        ORDER BY created_at DESC LIMIT ${limit}) p) AS post_messages,
      (SELECT json_agg(json_build_object('at', created_at, 'phrasing', phrasing) ORDER BY created_at DESC) FROM (
        SELECT d.created_at, d.detail->>'phrasing' AS phrasing
        FROM decisions d
        WHERE ${postId}::text IS NOT NULL AND d.post_platform = ${platform} AND d.post_id = ${postId}
          AND d.kind = 'auto_reply' AND d.created_at >= ${since}
        ORDER BY d.created_at DESC LIMIT ${limit}) d) AS post_decisions
  `;
};

/** One round trip: this runs for every inbound message. */
export const readHistory = async (db: Db, query: HistoryQuery): Promise<HistoryRecords> => {
  const { rows } = await historyStatement(query).execute(db);
  const row = rows[0];
  return {
    tags: row?.tags ?? [],
    funnel: row?.funnel ?? null,
    authorMessages: dates(row?.author_messages ?? null),
    authorDecisions: (row?.author_decisions ?? []).map(({ kind, message_id, at, phrasing }) => ({
      kind,
      messageId: message_id,
      at: new Date(at),
      phrasing,
    })),
    postComments: dates(row?.post_messages ?? null),
    postAutoReplies: (row?.post_decisions ?? []).map((decision) => ({ ...decision, at: new Date(decision.at) })),
  };
};
