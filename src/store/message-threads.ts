import { sql } from 'kysely';
import type { Db } from './db.js';
import type { MessageToStore, StoredMessage } from './messages.js';

/*
 * Many messages stored with their contacts and conversations in one statement. A multi-row
 * INSERT … ON CONFLICT DO UPDATE may not touch a row twice, so the contacts and conversations are
 * folded here first, as storing the messages one after another would leave them.
 */

const contactKey = (input: MessageToStore) => `${input.message.platform}\u0000${input.message.author.id}`;
const conversationKey = (input: MessageToStore) => `${input.message.platform}\u0000${input.conversationKey}`;
const messageKey = (input: MessageToStore) => `${input.message.platform}\u0000${input.message.externalId}`;

const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

interface ContactRow {
  platform: string;
  externalId: string;
  name: string | null;
  username: string | null;
  lastSeenAt: Date;
}

/** One row per author: the latest name and username given, the latest time seen. */
const contactRows = (inputs: readonly MessageToStore[]): ContactRow[] => {
  const rows = new Map<string, ContactRow>();
  for (const input of inputs) {
    const { message } = input;
    const before = rows.get(contactKey(input));
    rows.set(contactKey(input), {
      platform: message.platform,
      externalId: message.author.id,
      name: message.author.name ?? before?.name ?? null,
      username: message.author.username ?? before?.username ?? null,
      lastSeenAt: before ? later(before.lastSeenAt, message.createdAt) : message.createdAt,
    });
  }
  return [...rows.values()];
};

interface ConversationRow {
  input: MessageToStore;
  lastInboundAt: Date;
}

/** One row per conversation: opened by its first message, last inbound at the latest. */
const conversationRows = (inputs: readonly MessageToStore[]): ConversationRow[] => {
  const rows = new Map<string, ConversationRow>();
  for (const input of inputs) {
    const before = rows.get(conversationKey(input));
    rows.set(conversationKey(input), {
      input: before?.input ?? input,
      lastInboundAt: before ? later(before.lastInboundAt, input.message.createdAt) : input.message.createdAt,
    });
  }
  return [...rows.values()];
};

/** Only a platform message id's first occurrence is inserted: a second one in the same batch is a redelivery. */
const firstOccurrences = (inputs: readonly MessageToStore[]): boolean[] => {
  const seen = new Set<string>();
  return inputs.map((input) => {
    const key = messageKey(input);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

interface StoredRow {
  n: string;
  contact_id: string;
  conversation_id: string;
  contact_created: boolean;
  conversation_created: boolean;
  message_id: string | null;
}

/**
 * Where a message was stored, and whether its contact and conversation rows were created by this very
 * statement: then nothing was stored about them before (no earlier message, decision, tag or funnel
 * step), so reading their history can be skipped, as it is for most of a viral post's commenters.
 */
export interface StoredWithThread extends StoredMessage {
  contactIsNew: boolean;
  conversationIsNew: boolean;
}

/**
 * Stores messages with their contacts and conversations in one statement, rows locked in key order
 * (so two batches sharing authors wait instead of deadlocking). Returns, in the order given, where
 * each message was stored, or undefined when its platform id is already stored (a redelivery).
 */
export const storeMessagesWithThreads = async (db: Db, inputs: readonly MessageToStore[]): Promise<(StoredWithThread | undefined)[]> => {
  if (inputs.length === 0) return [];
  const contacts = contactRows(inputs);
  const conversations = conversationRows(inputs);
  const messages = inputs.map((input) => input.message);
  const { rows } = await sql<StoredRow>`
    WITH contact AS (
      INSERT INTO contacts (platform, external_id, name, username, last_seen_at)
      SELECT * FROM unnest(${contacts.map((c) => c.platform)}::text[], ${contacts.map((c) => c.externalId)}::text[],
                           ${contacts.map((c) => c.name)}::text[], ${contacts.map((c) => c.username)}::text[],
                           ${contacts.map((c) => c.lastSeenAt)}::timestamptz[]) AS c(platform, external_id, name, username, last_seen_at)
      ORDER BY platform, external_id
      ON CONFLICT (platform, external_id) DO UPDATE SET
        name = coalesce(excluded.name, contacts.name),
        username = coalesce(excluded.username, contacts.username),
        last_seen_at = greatest(excluded.last_seen_at, contacts.last_seen_at)
      -- xmax is 0 only on a row this statement inserted; one it updated carries the updating transaction's id.
      RETURNING id, platform, external_id, xmax = 0 AS created
    ), conversation AS (
      INSERT INTO conversations (platform, account_id, contact_id, kind, external_key, first_inbound_at, last_inbound_at)
      SELECT v.platform, v.account_id, contact.id, v.kind, v.external_key, v.first_at, v.last_at
      FROM unnest(${conversations.map((c) => c.input.message.platform)}::text[], ${conversations.map((c) => c.input.accountId)}::bigint[],
                  ${conversations.map((c) => c.input.message.author.id)}::text[],
                  ${conversations.map((c) => (c.input.message.kind === 'dm' ? 'dm' : 'comment'))}::text[],
                  ${conversations.map((c) => c.input.conversationKey)}::text[],
                  ${conversations.map((c) => c.input.message.createdAt)}::timestamptz[], ${conversations.map((c) => c.lastInboundAt)}::timestamptz[])
           AS v(platform, account_id, author_id, kind, external_key, first_at, last_at)
      JOIN contact ON contact.platform = v.platform AND contact.external_id = v.author_id
      ORDER BY v.platform, v.external_key
      ON CONFLICT (platform, external_key) DO UPDATE SET
        last_inbound_at = greatest(excluded.last_inbound_at, conversations.last_inbound_at),
        updated_at = now()
      RETURNING id, platform, external_key, xmax = 0 AS created
    ), input AS (
      SELECT * FROM unnest(
        ${inputs.map((i) => i.eventId)}::bigint[], ${messages.map((m) => m.platform)}::text[], ${messages.map((m) => m.externalId)}::text[],
        ${messages.map((m) => (m.fromSelf ? 'outbound' : 'inbound'))}::text[], ${messages.map((m) => m.kind)}::text[],
        ${inputs.map((i) => i.accountId)}::bigint[], ${messages.map((m) => m.author.id)}::text[], ${inputs.map((i) => i.conversationKey)}::text[],
        ${messages.map((m) => m.text)}::text[], ${messages.map((m) => m.post?.id ?? null)}::text[], ${messages.map((m) => m.post?.url ?? null)}::text[],
        ${messages.map((m) => m.parentId ?? null)}::text[], ${messages.map((m) => m.fromSelf)}::boolean[], ${messages.map((m) => m.createdAt)}::timestamptz[],
        ${inputs.map((i) => i.signals?.language ?? null)}::text[], ${inputs.map((i) => i.signals?.sentiment ?? null)}::real[],
        ${firstOccurrences(inputs)}::boolean[]
      ) WITH ORDINALITY AS m(event_id, platform, external_id, direction, kind, account_id, author_id, conversation_key, text, post_id, post_url,
                             parent_external_id, from_self, created_at, language, sentiment, is_first, n)
    ), ids AS (
      -- Contacts and conversations are looked up by key, not joined: the planner cannot count a CTE's
      -- rows and plans a join with one as a nested loop (batch size squared). A platform name holds no
      -- '/', so the keys are unambiguous.
      SELECT (SELECT jsonb_object_agg(platform || '/' || external_id, jsonb_build_array(id, created)) FROM contact) AS contacts,
             (SELECT jsonb_object_agg(platform || '/' || external_key, jsonb_build_array(id, created)) FROM conversation) AS conversations
    ), placed AS MATERIALIZED (
      SELECT m.*, (ids.contacts -> (m.platform || '/' || m.author_id) ->> 0)::bigint AS contact_id,
             (ids.contacts -> (m.platform || '/' || m.author_id) ->> 1)::boolean AS contact_created,
             (ids.conversations -> (m.platform || '/' || m.conversation_key) ->> 0)::bigint AS conversation_id,
             (ids.conversations -> (m.platform || '/' || m.conversation_key) ->> 1)::boolean AS conversation_created
      FROM input m CROSS JOIN ids
    ), message AS (
      INSERT INTO messages (event_id, platform, external_id, direction, kind, account_id, contact_id, conversation_id,
                            text, post_id, post_url, parent_external_id, from_self, created_at, language, sentiment)
      SELECT m.event_id, m.platform, m.external_id, m.direction, m.kind, m.account_id, m.contact_id, m.conversation_id,
             m.text, m.post_id, m.post_url, m.parent_external_id, m.from_self, m.created_at, m.language, m.sentiment
      FROM placed m
      WHERE m.is_first
      ORDER BY m.n
      ON CONFLICT (platform, external_id) DO NOTHING
      RETURNING id, platform, external_id
    ), inserted AS (
      SELECT jsonb_object_agg(platform || '/' || external_id, id) AS ids FROM message
    )
    SELECT m.n::text AS n, m.contact_id, m.conversation_id, m.contact_created, m.conversation_created,
           CASE WHEN m.is_first THEN (SELECT ids FROM inserted) ->> (m.platform || '/' || m.external_id) END AS message_id
    FROM placed m
  `.execute(db);
  const byPosition = new Map(rows.map((row) => [Number(row.n) - 1, row]));
  return inputs.map((input, index) => {
    const row = byPosition.get(index);
    return row?.message_id
      ? {
          messageId: row.message_id,
          accountId: input.accountId,
          contactId: row.contact_id,
          conversationId: row.conversation_id,
          contactIsNew: row.contact_created,
          conversationIsNew: row.conversation_created,
        }
      : undefined;
  });
};
