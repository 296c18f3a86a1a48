import type { Message } from '../domain/message.js';
import type { InboundItem } from '../domain/source.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { recordTeamReplyOnPlatform } from '../store/conversations.js';
import { claimEventForProcessing, findUnprocessedEvent } from '../store/inbound-events.js';
import { markMessageRemoved, recordMessageEdit } from '../store/messages.js';
import { decideAndRecord } from './decide-and-record.js';
import { parseStoredItem } from './inbound-item.js';
import { NOTHING, type KnownFeatures, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';
import { storeMessage } from './store-message.js';

type ItemOf<T extends InboundItem['type']> = Extract<InboundItem, { type: T }>;

/**
 * Asks the LLM classifier, when there is one, before the transaction: a slow model then holds
 * no row lock and no pooled connection. Any failure leaves the lexicon to decide.
 */
const classifyBeforehand = async (deps: PipelineDeps, eventId: string): Promise<KnownFeatures> => {
  if (!deps.classifySentiment) return {};
  const event = await findUnprocessedEvent(deps.db, eventId);
  if (!event) return {};
  const item = parseStoredItem(event.payload);
  if ((item.type !== 'message' && item.type !== 'edit') || item.message.fromSelf || item.message.text.trim() === '') return {};
  const sentiment = await deps.classifySentiment(item.message.text);
  return sentiment === undefined ? {} : { sentiment };
};

/** Stores a message new to us with the engine's language and sentiment (none for our own messages). */
const storeNewMessage = async (trx: Db, deps: PipelineDeps, message: Message, eventId: string, known: KnownFeatures) => {
  const signals = message.fromSelf ? undefined : deps.signals(message, known);
  const stored = await storeMessage(trx, deps.accountIds, message, eventId, signals);
  return { stored, known: { ...known, ...signals } };
};

const ingestMessage = async (trx: Db, deps: PipelineDeps, item: ItemOf<'message'>, eventId: string, known: KnownFeatures) => {
  const { stored, known: features } = await storeNewMessage(trx, deps, item.message, eventId, known);
  if (!stored) return NOTHING;
  if (!item.message.fromSelf) return decideAndRecord(trx, deps, item.message, stored, features);
  // A reply the team wrote on the platform itself still answers the conversation.
  await recordTeamReplyOnPlatform(trx, stored.conversationId, item.message.createdAt);
  return NOTHING;
};

const ingestEdit = async (trx: Db, deps: PipelineDeps, item: ItemOf<'edit'>, eventId: string, known: KnownFeatures) => {
  const { platform, externalId, text } = item.message;
  const editedId = await recordMessageEdit(trx, { platform, externalId, text, editedAt: deps.now() });
  if (editedId) {
    await writeAudit(trx, [{ actor: 'system', action: 'message_edited', subjectType: 'message', subjectId: editedId, detail: { text } }]);
    return NOTHING;
  }
  // An edit of a comment we never saw: treat it as a new message.
  const { stored, known: features } = await storeNewMessage(trx, deps, item.message, eventId, known);
  return stored && !item.message.fromSelf ? decideAndRecord(trx, deps, item.message, stored, features) : NOTHING;
};

const ingestRemoval = async (trx: Db, item: ItemOf<'remove'>) => {
  const removedId = await markMessageRemoved(trx, { platform: item.platform, externalId: item.externalId, at: item.at });
  if (removedId) {
    await writeAudit(trx, [{ actor: 'system', action: 'message_removed', subjectType: 'message', subjectId: removedId }]);
  }
  return NOTHING;
};

/** Turn one stored event into a message, decisions, actions and cards — once, whatever the redeliveries. */
export const processEvent = async (deps: PipelineDeps, eventId: string): Promise<PipelineOutcome> => {
  const known = await classifyBeforehand(deps, eventId);
  return deps.db.transaction().execute(async (trx) => {
    const event = await claimEventForProcessing(trx, eventId);
    if (!event) return NOTHING;
    const item = parseStoredItem(event.payload);
    switch (item.type) {
      case 'message':
        return ingestMessage(trx, deps, item, eventId, known);
      case 'edit':
        return ingestEdit(trx, deps, item, eventId, known);
      case 'remove':
        return ingestRemoval(trx, item);
      case 'ignored':
        return NOTHING;
    }
  });
};
