import type { Message } from '../domain/message.js';
import type { InboundItem } from '../domain/source.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { lockMessageForEdit, recordMessageEdit, type MessageBeforeEdit } from '../store/messages.js';
import { decideAndRecord, decideWithHistory } from './decide-and-record.js';
import { whatEditChanges, type BeforeEdit } from './edit-changes.js';
import { NOTHING, type KnownFeatures, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';
import { recordEditOutcome } from './record-edit-outcome.js';
import { storeNewMessage } from './store-message.js';

const ruleOf = (requestedBy: string): string | undefined =>
  requestedBy.startsWith('rule:') ? requestedBy.slice('rule:'.length) : undefined;

const beforeEdit = (before: MessageBeforeEdit): BeforeEdit => ({
  text: before.text,
  decided: before.decided,
  visibility: before.visibility && {
    kind: before.visibility.kind,
    rule: ruleOf(before.visibility.requestedBy),
    decisionId: before.visibility.decisionId,
  },
});

/** The edited text decided again with the same context as a new message; only what the edit changes is acted on. */
const decideAgain = async (
  trx: Db,
  deps: PipelineDeps,
  message: Message,
  before: MessageBeforeEdit,
  eventId: string,
  known: KnownFeatures,
) => {
  const { decisions, tags } = await decideWithHistory(trx, deps, message, before.stored, known);
  const changes = whatEditChanges(beforeEdit(before), { text: message.text, decisions });
  // Keys derive from the edit's event: a redelivered edit finds its actions already stored.
  return recordEditOutcome(trx, deps, {
    message,
    stored: before.stored,
    changes,
    tags,
    keyPrefix: `msg-${before.stored.messageId}-edit-${eventId}`,
  });
};

/** An author's edit: the new text is kept (with the one it replaced) and, for an inbound message, decided again. */
export const ingestEdit = async (
  trx: Db,
  deps: PipelineDeps,
  item: Extract<InboundItem, { type: 'edit' }>,
  eventId: string,
  known: KnownFeatures,
): Promise<PipelineOutcome> => {
  const { message } = item;
  const before = await lockMessageForEdit(trx, message.platform, message.externalId);
  if (!before) {
    // An edit of a comment we never saw: treat it as a new message.
    const { stored, known: features } = await storeNewMessage(trx, deps, message, eventId, known);
    return stored && !message.fromSelf ? decideAndRecord(trx, deps, message, stored, features) : NOTHING;
  }
  if (before.text === message.text) return NOTHING;
  const signals = message.fromSelf ? undefined : deps.signals(message, known);
  const { messageId } = before.stored;
  await recordMessageEdit(trx, messageId, { text: message.text, previousText: before.text, editedAt: deps.now(), signals });
  await writeAudit(trx, [
    { actor: 'system', action: 'message_edited', subjectType: 'message', subjectId: messageId, detail: { text: message.text } },
  ]);
  return message.fromSelf ? NOTHING : decideAgain(trx, deps, message, before, eventId, { ...known, ...signals });
};
