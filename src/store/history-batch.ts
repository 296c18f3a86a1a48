import { sql } from 'kysely';
import type { Db } from './db.js';
import type { HistoryRecords } from './history.js';

/** What a batch of new messages is decided against: their authors, posts and conversations. */
export interface RunHistoryQuery {
  contactIds: string[];
  conversationIds: string[];
  posts: { platform: string; postId: string }[];
  /** The batch's own messages, left out: each is history only for the ones after it (kept in memory). */
  messageIds: string[];
  since: Date;
  postSince: Date;
  /** At most this many rows per list (three times as many of an author's decisions). */
  limit: number;
}

export type AuthorRecords = Pick<HistoryRecords, 'tags' | 'authorMessages' | 'authorDecisions'>;
export type PostRecords = Pick<HistoryRecords, 'postComments' | 'postAutoReplies'>;

/** What is stored about a batch's authors, posts and conversations, each list newest first and bounded as `readHistory`'s. */
export interface RunHistoryRecords {
  /** The transaction's clock: what decisions recorded in it will carry as their time. */
  now: Date;
  authors: Map<string, AuthorRecords>;
  /** By `postKey`. */
  posts: Map<string, PostRecords>;
  /** Each conversation's funnel state as stored (opaque here). */
  funnels: Map<string, unknown>;
}

export const postKey = (platform: string, postId: string): string => `${platform}\u0000${postId}`;

interface RunHistoryRow {
  now: Date;
  authors: { id: string; tags: string[] | null; messages: string[] | null; decisions: DecisionJson[] | null }[] | null;
  posts:
    | { platform: string; post_id: string; comments: string[] | null; auto_replies: { at: string; phrasing: string | null }[] | null }[]
    | null;
  funnels: { id: string; funnel: unknown }[] | null;
}

interface DecisionJson {
  kind: string;
  message_id: string;
  at: string;
  phrasing: string | null;
}

const dates = (values: string[] | null): Date[] => (values ?? []).map((value) => new Date(value));

/**
 * One statement for a whole batch: per author, per post and per conversation the same bounded index
 * range scans as `historyStatement` (migration 0013), so its work grows with the batch's authors and
 * posts, not with their history.
 */
export const readRunHistory = async (db: Db, query: RunHistoryQuery): Promise<RunHistoryRecords> => {
  const { contactIds, conversationIds, posts, messageIds, since, postSince, limit } = query;
  const { rows } = await sql<RunHistoryRow>`
    SELECT now() AS now,
      (SELECT json_agg(json_build_object(
         'id', c.id::text, 'tags', c.tags,
         'messages', (SELECT json_agg(created_at ORDER BY created_at DESC) FROM (
            SELECT created_at FROM messages
            WHERE contact_id = c.id AND id <> ALL(${messageIds}::bigint[]) AND created_at >= ${since}
            ORDER BY created_at DESC LIMIT ${limit}) m),
         'decisions', (SELECT json_agg(json_build_object('kind', kind, 'message_id', message_id::text, 'at', created_at, 'phrasing', phrasing)
                                       ORDER BY created_at DESC) FROM (
            SELECT d.kind, d.message_id, d.created_at, d.detail->>'phrasing' AS phrasing
            FROM decisions d
            WHERE d.contact_id = c.id AND d.created_at >= ${since} AND d.kind <> 'ignore'
            ORDER BY d.created_at DESC LIMIT ${limit * 3}) d)))
       FROM contacts c WHERE c.id = ANY(${contactIds}::bigint[])) AS authors,
      (SELECT json_agg(json_build_object(
         'platform', p.platform, 'post_id', p.post_id,
         'comments', (SELECT json_agg(created_at ORDER BY created_at DESC) FROM (
            SELECT created_at FROM messages
            WHERE platform = p.platform AND post_id = p.post_id AND id <> ALL(${messageIds}::bigint[])
              AND direction = 'inbound' AND created_at >= ${postSince}
            ORDER BY created_at DESC LIMIT ${limit}) m),
         'auto_replies', (SELECT json_agg(json_build_object('at', created_at, 'phrasing', phrasing) ORDER BY created_at DESC) FROM (
            SELECT d.created_at, d.detail->>'phrasing' AS phrasing
            FROM decisions d
            WHERE d.post_platform = p.platform AND d.post_id = p.post_id AND d.kind = 'auto_reply' AND d.created_at >= ${since}
            ORDER BY d.created_at DESC LIMIT ${limit}) d)))
       FROM unnest(${posts.map((post) => post.platform)}::text[], ${posts.map((post) => post.postId)}::text[]) AS p(platform, post_id)) AS posts,
      (SELECT json_agg(json_build_object('id', id::text, 'funnel', funnel_state))
       FROM conversations WHERE id = ANY(${conversationIds}::bigint[])) AS funnels
  `.execute(db);
  const row = rows[0]!;
  return {
    now: new Date(row.now),
    authors: new Map(
      (row.authors ?? []).map((author) => [
        author.id,
        {
          tags: author.tags ?? [],
          authorMessages: dates(author.messages),
          authorDecisions: (author.decisions ?? []).map(({ kind, message_id, at, phrasing }) => ({
            kind,
            messageId: message_id,
            at: new Date(at),
            phrasing,
          })),
        },
      ]),
    ),
    posts: new Map(
      (row.posts ?? []).map((post) => [
        postKey(post.platform, post.post_id),
        {
          postComments: dates(post.comments),
          postAutoReplies: (post.auto_replies ?? []).map((reply) => ({ ...reply, at: new Date(reply.at) })),
        },
      ]),
    ),
    funnels: new Map((row.funnels ?? []).map((conversation) => [conversation.id, conversation.funnel])),
  };
};
