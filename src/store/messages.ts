import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import type { Message } from '../domain/message.js';
import type { Db } from './db.js';
import { storeMessagesWithThreads } from './message-threads.js';
import type { MessagesTable } from './schema.js';

export type MessageRow = Selectable<MessagesTable>;

/** Where a stored inbound message lives: its row and the rows of its account, author and conversation. */
export interface StoredMessage {
  messageId: string;
  accountId: string;
  contactId: string;
  conversationId: string;
}

export interface MessageToStore {
  message: Message;
  accountId: string;
  /** The conversation's key (a DM thread per contact, a comment thread per top-level comment). */
  conversationKey: string;
  eventId: string | null;
  signals?: { language: string; sentiment: number } | undefined;
}

/**
 * Stores a message with its contact and conversation in one statement (one round trip per message).
 * Returns undefined when the platform's message id is already stored (a redelivery under another event id).
 */
export const storeMessageWithThread = async (db: Db, input: MessageToStore): Promise<StoredMessage | undefined> =>
  (await storeMessagesWithThreads(db, [input]))[0];

/** What an edit of a stored message is weighed against: its text, what was decided, and who last changed its visibility. */
export interface MessageBeforeEdit {
  stored: StoredMessage;
  text: string;
  fromSelf: boolean;
  /** Rule and kind of every decision already recorded for it. */
  decided: { rule: string; kind: string }[];
  /** The last hide or unhide that did not fail, with who asked for it ('rule:…' or a person). */
  visibility: { kind: 'hide' | 'unhide'; requestedBy: string; decisionId: string | null } | undefined;
}

const beforeEditSchema = z.object({
  decided: z.array(z.object({ rule: z.string(), kind: z.string() })),
  visibility: z.object({ kind: z.enum(['hide', 'unhide']), requestedBy: z.string(), decisionId: z.string().nullable() }).nullable(),
});

/**
 * The stored message a platform edit applies to, locked until the transaction ends so two edits
 * of one comment are weighed one after the other. Undefined when we never stored it.
 */
export const lockMessageForEdit = async (trx: Db, platform: string, externalId: string): Promise<MessageBeforeEdit | undefined> => {
  const row = await trx
    .selectFrom('messages as m')
    .select([
      'm.id',
      'm.account_id',
      'm.contact_id',
      'm.conversation_id',
      'm.text',
      'm.from_self',
      sql<unknown>`(SELECT coalesce(json_agg(json_build_object('rule', d.rule, 'kind', d.kind)), '[]') FROM decisions d WHERE d.message_id = m.id)`.as(
        'decided',
      ),
      sql<unknown>`(SELECT json_build_object('kind', x.kind, 'requestedBy', x.requested_by, 'decisionId', x.decision_id::text)
                    FROM actions x WHERE x.message_id = m.id AND x.kind IN ('hide', 'unhide') AND x.status <> 'failed'
                    ORDER BY x.created_at DESC, x.id DESC LIMIT 1)`.as('visibility'),
    ])
    .where('m.platform', '=', platform)
    .where('m.external_id', '=', externalId)
    .forUpdate('m')
    .executeTakeFirst();
  if (!row) return undefined;
  const { decided, visibility } = beforeEditSchema.parse({ decided: row.decided, visibility: row.visibility });
  return {
    stored: { messageId: row.id, accountId: row.account_id, contactId: row.contact_id, conversationId: row.conversation_id },
    text: row.text,
    fromSelf: row.from_self,
    decided,
    visibility: visibility ?? undefined,
  };
};

/** Records an author's edit: the new text (and what the engine reads in it), keeping the text it replaced. */
export const recordMessageEdit = async (
  trx: Db,
  messageId: string,
  edit: { text: string; previousText: string; editedAt: Date; signals?: { language: string; sentiment: number } | undefined },
): Promise<void> => {
  await trx
    .updateTable('messages')
    .set({
      text: edit.text,
      previous_text: edit.previousText,
      edited_at: edit.editedAt,
      ...(edit.signals ? { language: edit.signals.language, sentiment: edit.signals.sentiment } : {}),
    })
    .where('id', '=', messageId)
    .execute();
};

/**
 * Records that the platform removed a message; undefined when we never stored it. `byAuthor` is
 * false when the removal is our own delete coming back (a delete action that did not fail).
 */
export const markMessageRemoved = async (
  db: Db,
  removal: { platform: string; externalId: string; at: Date },
): Promise<{ id: string; byAuthor: boolean } | undefined> => {
  const ours = sql<boolean>`EXISTS (SELECT 1 FROM actions x WHERE x.message_id = messages.id AND x.kind = 'delete' AND x.status <> 'failed')`;
  const row = await db
    .updateTable('messages')
    .set({
      deleted_at: sql`coalesce(messages.deleted_at, ${removal.at})`,
      author_deleted_at: sql`CASE WHEN ${ours} THEN messages.author_deleted_at ELSE coalesce(messages.author_deleted_at, ${removal.at}) END`,
    })
    .where('platform', '=', removal.platform)
    .where('external_id', '=', removal.externalId)
    .returning(['id', 'author_deleted_at'])
    .executeTakeFirst();
  return row ? { id: row.id, byAuthor: row.author_deleted_at !== null } : undefined;
};

/** Nothing for a person to do: the rules handled this message on their own (the automation rate). */
export const markHandledByRules = async (db: Db, ...messageIds: string[]): Promise<void> => {
  if (messageIds.length === 0) return;
  await db.updateTable('messages').set({ handled_by: 'rules' }).where('id', 'in', messageIds).execute();
};

export const findMessageRow = async (db: Db, messageId: string): Promise<MessageRow | undefined> =>
  db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();

/** Stores what we sent in answer to a message (a reply or a DM), once per platform id. */
export const recordSentMessage = async (
  db: Db,
  original: MessageRow,
  sent: { externalId: string; kind: 'reply' | 'dm'; text: string; createdAt: Date },
): Promise<void> => {
  await db
    .insertInto('messages')
    .values({
      platform: original.platform,
      external_id: sent.externalId,
      direction: 'outbound',
      kind: sent.kind,
      account_id: original.account_id,
      contact_id: original.contact_id,
      conversation_id: original.conversation_id,
      text: sent.text,
      post_id: original.post_id,
      post_url: original.post_url,
      parent_external_id: original.external_id,
      from_self: true,
      created_at: sent.createdAt,
    })
    .onConflict((conflict) => conflict.columns(['platform', 'external_id']).doNothing())
    .execute();
};

export const setMessageHidden = async (db: Db, messageId: string, hidden: boolean): Promise<void> => {
  await db.updateTable('messages').set({ hidden }).where('id', '=', messageId).execute();
};

export const markMessageDeleted = async (db: Db, messageId: string): Promise<void> => {
  await db.updateTable('messages').set({ deleted_at: sql`now()` }).where('id', '=', messageId).execute();
};

export const findPressedMessage = (trx: Db, messageId: string): Promise<MessageRow> =>
  trx.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();

export const markHandledByPerson = async (trx: Db, messageId: string): Promise<void> => {
  await trx.updateTable('messages').set({ handled_by: 'person' }).where('id', '=', messageId).execute();
};
