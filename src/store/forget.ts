import { sql } from 'kysely';
import type { Db } from './db.js';
import { eraseAuditDetail, eraseMessages, type ErasedCounts } from './retention.js';

export interface ForgottenCounts extends ErasedCounts {
  contacts: number;
  conversations: number;
  rawEvents: number;
}

export interface Forgotten {
  contactId: string | undefined;
  counts: ForgottenCounts;
  /** Their cards, redacted at a new version: each needs its chat message updated. */
  cards: { id: string; version: number }[];
}

export const findContactId = async (db: Db, platform: string, externalId: string): Promise<string | undefined> =>
  (await db.selectFrom('contacts').select('id').where('platform', '=', platform).where('external_id', '=', externalId).executeTakeFirst())
    ?.id;

/**
 * Raw events that carry their messages, or name their id anywhere in the payload (a reply to
 * them, a batch with several authors). One still waiting is settled as failed: processing it
 * later would store them again.
 */
const eraseRawEvents = async (trx: Db, externalId: string, messageIds: string[]): Promise<number> => {
  const result = await trx
    .updateTable('inbound_events')
    .set({
      payload: JSON.stringify({ erased: 'author_request' }),
      last_error: sql`CASE WHEN processed_at IS NULL AND failed_at IS NULL THEN 'erased at the author''s request' END`,
      failed_at: sql`CASE WHEN processed_at IS NULL AND failed_at IS NULL THEN now() ELSE failed_at END`,
      erased_at: sql`coalesce(erased_at, now())`,
    })
    .where((eb) =>
      eb.or([
        ...(messageIds.length > 0
          ? [
              eb(
                'id',
                'in',
                eb
                  .selectFrom('messages')
                  .select('event_id')
                  .where('id', 'in', messageIds)
                  .where('event_id', 'is not', null)
                  .$castTo<string>(),
              ),
            ]
          : []),
        sql<boolean>`jsonb_path_exists(payload, 'strict $.** ? (@ == $id)', jsonb_build_object('id', ${externalId}::text))`,
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};

/**
 * Erases one person everywhere: their messages (and the replies to them) with all that quotes
 * them, their name, what funnels captured from them and the raw events. Rows and timestamps stay,
 * so counts and KPIs do not change. Idempotent; one transaction.
 */
export const forgetContact = (db: Db, platform: string, externalId: string): Promise<Forgotten> =>
  db.transaction().execute(async (trx) => {
    const contactId = await findContactId(trx, platform, externalId);
    const messageIds = contactId
      ? (await trx.selectFrom('messages').select('id').where('contact_id', '=', contactId).forUpdate().execute()).map((row) => row.id)
      : [];
    const erased = await eraseMessages(trx, messageIds, true);
    const conversations = contactId
      ? await trx.updateTable('conversations').set({ funnel_state: null }).where('contact_id', '=', contactId).returning('id').execute()
      : [];
    const contacts = contactId
      ? await trx.updateTable('contacts').set({ name: null, username: null }).where('id', '=', contactId).returning('id').execute()
      : [];
    const moreAudit = await eraseAuditDetail(trx, {
      contact: contacts.map((row) => row.id),
      conversation: conversations.map((row) => row.id),
    });
    const rawEvents = await eraseRawEvents(trx, externalId, messageIds);
    return {
      contactId,
      counts: {
        ...erased.counts,
        auditEntries: erased.counts.auditEntries + moreAudit,
        contacts: contacts.length,
        conversations: conversations.length,
        rawEvents,
      },
      cards: erased.cards,
    };
  });
