import { sql } from 'kysely';
import type { Message } from '../domain/message.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { decideAndRecord } from './decide-and-record.js';
import { parseStoredItem } from './inbound-item.js';
import { NOTHING, type KnownFeatures, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';
import { storeMessage, type StoredMessage } from './store-message.js';

const recordOwnMessage = async (trx: Db, message: Message, stored: StoredMessage) => {
  // A reply the team wrote on the platform itself still answers the conversation.
  await trx
    .updateTable('conversations')
    .set({
      first_response_at: sql`coalesce(first_response_at, ${message.createdAt})`,
      first_response_by: sql`coalesce(first_response_by, 'human')`,
    })
    .where('id', '=', stored.conversationId)
    .where('first_response_at', 'is', null)
    .execute();
};

/**
 * Asks the LLM classifier, when there is one, before the transaction: a slow model then holds
 * no row lock and no pooled connection. Any failure leaves the lexicon to decide.
 */
const classifyBeforehand = async (deps: PipelineDeps, eventId: string): Promise<KnownFeatures> => {
  if (!deps.classifySentiment) return {};
  const event = await deps.db.selectFrom('inbound_events').select(['payload', 'processed_at']).where('id', '=', eventId).executeTakeFirst();
  if (!event || event.processed_at !== null) return {};
  const item = parseStoredItem(event.payload);
  if ((item.type !== 'message' && item.type !== 'edit') || item.message.fromSelf || item.message.text.trim() === '') return {};
  const sentiment = await deps.classifySentiment(item.message.text);
  return sentiment === undefined ? {} : { sentiment };
};

/** Turn one stored event into a message, decisions, actions and cards — once, whatever the redeliveries. */
export const processEvent = async (deps: PipelineDeps, eventId: string): Promise<PipelineOutcome> => {
  const known = await classifyBeforehand(deps, eventId);
  return deps.db.transaction().execute(async (trx) => {
    // Claims the event and marks it processed in one statement (now() is the transaction's start,
    // and a rollback un-marks it); a redelivered job waits on the row lock, then finds nothing to do.
    const event = await trx
      .updateTable('inbound_events')
      .set({ processed_at: sql`now()`, attempts: sql`attempts + 1` })
      .where('id', '=', eventId)
      .where('processed_at', 'is', null)
      .where('failed_at', 'is', null)
      .returning('payload')
      .executeTakeFirst();
    if (!event) return NOTHING;
    const item = parseStoredItem(event.payload);
    let outcome = NOTHING;

    if (item.type === 'message') {
      const signals = item.message.fromSelf ? undefined : deps.signals(item.message, known);
      const stored = await storeMessage(trx, deps.accountIds, item.message, eventId, signals);
      if (stored && item.message.fromSelf) await recordOwnMessage(trx, item.message, stored);
      else if (stored) outcome = await decideAndRecord(trx, deps, item.message, stored, { ...known, ...signals });
    } else if (item.type === 'edit') {
      const updated = await trx
        .updateTable('messages')
        .set({ text: item.message.text, edited_at: deps.now() })
        .where('platform', '=', item.message.platform)
        .where('external_id', '=', item.message.externalId)
        .returning('id')
        .executeTakeFirst();
      if (updated) {
        await writeAudit(trx, [
          { actor: 'system', action: 'message_edited', subjectType: 'message', subjectId: updated.id, detail: { text: item.message.text } },
        ]);
      } else {
        // An edit of a comment we never saw: treat it as a new message.
        const signals = item.message.fromSelf ? undefined : deps.signals(item.message, known);
        const stored = await storeMessage(trx, deps.accountIds, item.message, eventId, signals);
        if (stored && !item.message.fromSelf) outcome = await decideAndRecord(trx, deps, item.message, stored, { ...known, ...signals });
      }
    } else if (item.type === 'remove') {
      const removed = await trx
        .updateTable('messages')
        .set({ deleted_at: item.at })
        .where('platform', '=', item.platform)
        .where('external_id', '=', item.externalId)
        .returning('id')
        .executeTakeFirst();
      if (removed) {
        await writeAudit(trx, [{ actor: 'system', action: 'message_removed', subjectType: 'message', subjectId: removed.id }]);
      }
    }
    return outcome;
  });
};
