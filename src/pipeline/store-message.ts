import { sql } from 'kysely';
import type { Message } from '../domain/message.js';
import type { Db } from '../store/db.js';

export interface StoredMessage {
  messageId: string;
  accountId: string;
  contactId: string;
  conversationId: string;
}

/** The conversation a message belongs to: a DM thread per contact, a comment thread per top-level comment. */
export const conversationKey = (message: Message): string =>
  message.kind === 'dm'
    ? `dm:${message.accountId}:${message.threadId ?? message.author.id}`
    : `comment:${message.threadId ?? message.parentId ?? message.externalId}`;

/** Account rows never change id: one map per process (per database) saves a round trip on every message. */
export type AccountIds = Map<string, string>;

// Every event of a Page touches the same account row: read it first and insert without locking,
// or each ingest transaction would hold that row until it commits and they would run one at a time.
const accountId = async (db: Db, accountIds: AccountIds, message: Message): Promise<string> => {
  const key = `${message.platform}\u0000${message.accountId}`;
  const known = accountIds.get(key);
  if (known) return known;
  const find = () =>
    db
      .selectFrom('accounts')
      .select('id')
      .where('platform', '=', message.platform)
      .where('external_id', '=', message.accountId)
      .executeTakeFirst();
  const existing = await find();
  if (existing) {
    // Only a row read back is known to be committed; an id inserted here dies with a rolled-back transaction.
    accountIds.set(key, existing.id);
    return existing.id;
  }
  const inserted = await db
    .insertInto('accounts')
    .values({ platform: message.platform, external_id: message.accountId, name: null })
    .onConflict((conflict) => conflict.columns(['platform', 'external_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? (await find())!.id;
};

interface StoredRow {
  contact_id: string;
  conversation_id: string;
  message_id: string | null;
}

/**
 * Store a normalized message with its contact and conversation in one statement.
 * Returns undefined when the platform's message id is already stored (a redelivery under another event id).
 */
export const storeMessage = async (
  db: Db,
  accountIds: AccountIds,
  message: Message,
  eventId: string | null,
  signals?: { language: string; sentiment: number },
): Promise<StoredMessage | undefined> => {
  const account = await accountId(db, accountIds, message);
  const { rows } = await sql<StoredRow>`
    WITH contact AS (
      INSERT INTO contacts (platform, external_id, name, username, last_seen_at)
      VALUES (${message.platform}, ${message.author.id}, ${message.author.name ?? null}, ${message.author.username ?? null}, ${message.createdAt})
      ON CONFLICT (platform, external_id) DO UPDATE SET
        name = coalesce(excluded.name, contacts.name),
        username = coalesce(excluded.username, contacts.username),
        last_seen_at = greatest(excluded.last_seen_at, contacts.last_seen_at)
      RETURNING id
    ), conversation AS (
      INSERT INTO conversations (platform, account_id, contact_id, kind, external_key, first_inbound_at, last_inbound_at)
      SELECT ${message.platform}, ${account}, contact.id, ${message.kind === 'dm' ? 'dm' : 'comment'}, ${conversationKey(message)},
             ${message.createdAt}, ${message.createdAt}
      FROM contact
      ON CONFLICT (platform, external_key) DO UPDATE SET
        last_inbound_at = greatest(excluded.last_inbound_at, conversations.last_inbound_at),
        updated_at = now()
      RETURNING id
    ), message AS (
      INSERT INTO messages (event_id, platform, external_id, direction, kind, account_id, contact_id, conversation_id,
                            text, post_id, post_url, parent_external_id, from_self, created_at, language, sentiment)
      SELECT ${eventId}, ${message.platform}, ${message.externalId}, ${message.fromSelf ? 'outbound' : 'inbound'}, ${message.kind},
             ${account}, contact.id, conversation.id, ${message.text}, ${message.post?.id ?? null}, ${message.post?.url ?? null},
             ${message.parentId ?? null}, ${message.fromSelf}, ${message.createdAt},
             ${signals?.language ?? null}, ${signals?.sentiment ?? null}
      FROM contact, conversation
      ON CONFLICT (platform, external_id) DO NOTHING
      RETURNING id
    )
    SELECT contact.id AS contact_id, conversation.id AS conversation_id, (SELECT id FROM message) AS message_id
    FROM contact, conversation
  `.execute(db);
  const row = rows[0];
  if (!row?.message_id) return undefined;
  return { messageId: row.message_id, accountId: account, contactId: row.contact_id, conversationId: row.conversation_id };
};
