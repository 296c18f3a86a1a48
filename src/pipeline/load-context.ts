import { sql } from 'kysely';
import type { Decision, DecisionKind } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import { isTrigger } from '../engine/index.js';
import type { Db } from '../store/db.js';
import type { StoredMessage } from './store-message.js';

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
 * What the engine may know about an author and a post, as bounded lists of timestamps (newest
 * first), so the playbook's windows stay configurable. Excludes the message being decided.
 * One round trip: this runs for every inbound message.
 */
export const loadHistory = async (db: Db, message: Message, stored: StoredMessage, now: Date): Promise<LoadedHistory> => {
  const from = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const postId = message.post?.id ?? null;
  const { rows } = await sql<HistoryRow>`
    SELECT
      (SELECT tags FROM contacts WHERE id = ${stored.contactId}) AS tags,
      (SELECT funnel_state FROM conversations WHERE id = ${stored.conversationId}) AS funnel,
      (SELECT array_agg(created_at ORDER BY created_at DESC) FROM (
        SELECT created_at FROM messages
        WHERE contact_id = ${stored.contactId} AND id <> ${stored.messageId} AND created_at >= ${from}
        ORDER BY created_at DESC LIMIT ${HISTORY_LIMIT}) m) AS author_messages,
      (SELECT json_agg(json_build_object('kind', kind, 'message_id', message_id::text, 'at', created_at, 'phrasing', phrasing) ORDER BY created_at DESC) FROM (
        SELECT d.kind, d.message_id, d.created_at, d.detail->>'phrasing' AS phrasing
        FROM decisions d JOIN messages m ON m.id = d.message_id
        WHERE m.contact_id = ${stored.contactId} AND d.created_at >= ${from} AND d.kind <> 'ignore'
        ORDER BY d.created_at DESC LIMIT ${HISTORY_LIMIT * 3}) d) AS author_decisions,
      (SELECT array_agg(created_at ORDER BY created_at DESC) FROM (
        SELECT created_at FROM messages
        WHERE ${postId}::text IS NOT NULL AND platform = ${message.platform} AND post_id = ${postId}
          AND id <> ${stored.messageId} AND direction = 'inbound' AND created_at >= ${dayAgo}
        ORDER BY created_at DESC LIMIT ${HISTORY_LIMIT}) p) AS post_messages,
      (SELECT json_agg(json_build_object('at', created_at, 'phrasing', phrasing) ORDER BY created_at DESC) FROM (
        SELECT d.created_at, d.detail->>'phrasing' AS phrasing
        FROM decisions d JOIN messages m ON m.id = d.message_id
        WHERE ${postId}::text IS NOT NULL AND m.platform = ${message.platform} AND m.post_id = ${postId}
          AND d.kind = 'auto_reply' AND d.created_at >= ${from}
        ORDER BY d.created_at DESC LIMIT ${HISTORY_LIMIT}) d) AS post_decisions
  `.execute(db);
  const row = rows[0];
  const authorDecisions = (row?.author_decisions ?? []).map((decision) => ({ ...decision, at: new Date(decision.at) }));
  const postDecisions = (row?.post_decisions ?? []).map((decision) => ({ ...decision, at: new Date(decision.at) }));

  // One trigger per message whose decisions made automation act (the engine's own definition).
  const byMessage = new Map<string, { at: Date; decisions: Pick<Decision, 'kind'>[] }>();
  for (const decision of authorDecisions) {
    const entry = byMessage.get(decision.message_id) ?? { at: decision.at, decisions: [] };
    entry.decisions.push({ kind: decision.kind as DecisionKind });
    byMessage.set(decision.message_id, entry);
  }
  const triggers = [...byMessage.values()].filter((entry) => isTrigger(entry.decisions as Decision[])).map((entry) => entry.at);
  const phrasings = [...authorDecisions, ...postDecisions]
    .filter((decision) => decision.phrasing)
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .map((decision) => decision.phrasing!)
    .slice(0, 10);

  return {
    tags: row?.tags ?? [],
    recentMessages: dates(row?.author_messages ?? null),
    recentTriggers: triggers,
    recentHandoffs: authorDecisions.filter((decision) => decision.kind === 'handoff').map((decision) => decision.at),
    recentAutoReplies: authorDecisions.filter((decision) => decision.kind === 'auto_reply').map((decision) => decision.at),
    postRecentComments: dates(row?.post_messages ?? null),
    postRecentAutoReplies: postDecisions.map((decision) => decision.at),
    recentPhrasings: phrasings,
    funnel: row?.funnel ?? null,
  };
};
