import type { InboundItem } from '../domain/source.js';
import type { Db } from '../store/db.js';
import { recordTeamReplyOnPlatform } from '../store/conversations.js';
import { claimEventForProcessing, findUnprocessedEvent } from '../store/inbound-events.js';
import { decideAndRecord } from './decide-and-record.js';
import { parseStoredItem } from './inbound-item.js';
import { ingestEdit } from './ingest-edit.js';
import { ingestRemoval } from './ingest-removal.js';
import { ingestStatus } from './ingest-status.js';
import { NOTHING, type KnownFeatures, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';
import { storeNewMessage } from './store-message.js';
import { judgeBeforehand } from './judge-message.js';

type ItemOf<T extends InboundItem['type']> = Extract<InboundItem, { type: T }>;

/**
 * Asks the LLM classifier and the judge, when there are any, before the transaction: a slow model
 * then holds no row lock and no pooled connection. Any failure leaves the lexicon, and the rules, to decide.
 */
export const classifyBeforehand = async (deps: PipelineDeps, eventId: string): Promise<KnownFeatures> => {
  if (!deps.classifySentiment && !deps.judge) return {};
  const event = await findUnprocessedEvent(deps.db, eventId);
  if (!event) return {};
  const item = parseStoredItem(event.payload);
  if ((item.type !== 'message' && item.type !== 'edit') || item.message.fromSelf || item.message.text.trim() === '') return {};
  const sentiment = await deps.classifySentiment?.(item.message.text);
  const known: KnownFeatures = sentiment === undefined ? {} : { sentiment };
  const judgement = await judgeBeforehand(deps.judge, item.message, known);
  return judgement === undefined ? known : { ...known, judgement };
};

const ingestMessage = async (trx: Db, deps: PipelineDeps, item: ItemOf<'message'>, eventId: string, known: KnownFeatures) => {
  const { stored, known: features } = await storeNewMessage(trx, deps, item.message, eventId, known);
  if (!stored) return NOTHING;
  if (!item.message.fromSelf) return decideAndRecord(trx, deps, item.message, stored, features);
  // A reply the team wrote on the platform itself still answers the conversation.
  await recordTeamReplyOnPlatform(trx, stored.conversationId, item.message.createdAt);
  return NOTHING;
};

/** A claimed event's work, in the caller's transaction (one event's, or a batch's). */
export const ingestClaimed = async (trx: Db, deps: PipelineDeps, payload: unknown, eventId: string, known: KnownFeatures) => {
  const item = parseStoredItem(payload);
  switch (item.type) {
    case 'message':
      return ingestMessage(trx, deps, item, eventId, known);
    case 'edit':
      return ingestEdit(trx, deps, item, eventId, known);
    case 'remove':
      return ingestRemoval(trx, item);
    case 'status':
      return ingestStatus(trx, deps, item);
    case 'ignored':
      return NOTHING;
  }
};

/** Turn one stored event into a message, decisions, actions and cards — once, whatever the redeliveries. */
export const processEvent = async (deps: PipelineDeps, eventId: string): Promise<PipelineOutcome> => {
  const known = await classifyBeforehand(deps, eventId);
  return deps.db.transaction().execute(async (trx) => {
    const event = await claimEventForProcessing(trx, eventId);
    if (!event) return NOTHING;
    return ingestClaimed(trx, deps, event.payload, eventId, known);
  });
};
