import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import { createActions } from '../store/actions.js';
import { addGroundsToMessageCards, markMessageCardsChanged, type CardVersion } from '../store/card-model.js';
import { addContactTags } from '../store/contacts.js';
import type { Db } from '../store/db.js';
import { applyDecisionsToConversation, recordDecisions } from '../store/decisions.js';
import type { StoredMessage } from '../store/messages.js';
import { conversationChange } from './conversation-change.js';
import { openRuleEscalations, recordActions, recordCards } from './decide-and-record.js';
import { automaticActions, slaTimersOf } from './outcome-plan.js';
import type { EditChanges } from './edit-changes.js';
import type { PipelineDeps, PipelineOutcome } from './pipeline-types.js';
import { cardDraft, contactTags, highestPriority, needsCard } from './plan-actions.js';

export interface EditToRecord {
  message: Message;
  stored: StoredMessage;
  changes: EditChanges;
  /** The author's tags as loaded before deciding. */
  tags: string[];
  /** Names this edit's round of actions (derived from the edit's event). */
  keyPrefix: string;
}

const versions = (cards: CardVersion[]) => cards.map((card) => ({ cardId: card.id, version: card.version }));

/** The rule's own hide undone, as an action in the rule's name; once per edit. */
const recordUnhide = async (trx: Db, deps: PipelineDeps, edit: EditToRecord): Promise<string[]> => {
  const { message, stored, changes } = edit;
  if (!changes.unhide || !deps.platformClients.get(message.platform)?.supports(message.platform, 'unhide')) return [];
  return createActions(trx, [
    {
      idempotencyKey: `${edit.keyPrefix}-unhide`,
      kind: 'unhide',
      platform: message.platform,
      target: message.externalId,
      payload: { accountId: message.accountId, text: null },
      requestedBy: `rule:${changes.unhide.rule}`,
      conversationId: stored.conversationId,
      messageId: stored.messageId,
      decisionId: changes.unhide.decisionId,
    },
  ]);
};

/** New grounds change the conversation and the author's tags as a new message's decisions would. */
const applyToConversation = async (trx: Db, deps: PipelineDeps, edit: EditToRecord, grounds: Decision[]) => {
  // The response deadline counts from the edit: that is when the new request was made.
  const change = conversationChange(grounds, edit.tags, deps.sla, deps.now());
  const conversation = await applyDecisionsToConversation(trx, edit.stored.conversationId, change);
  await addContactTags(trx, edit.stored.contactId, contactTags(grounds));
  return slaTimersOf(change, conversation);
};

/**
 * The message keeps one card per chat: an existing card takes the new grounds (people already
 * following it see them in place); a message without one gets new cards, as a new message would.
 */
const cardsForEdit = async (trx: Db, deps: PipelineDeps, edit: EditToRecord, grounds: Decision[]) => {
  const { stored } = edit;
  if (!needsCard(grounds)) return { opened: [], updated: await markMessageCardsChanged(trx, stored.messageId) };
  const priority = highestPriority(grounds);
  const draft = cardDraft(grounds);
  const reasons = grounds.map((decision) => ({ rule: decision.rule, kind: decision.kind, matched: decision.matched }));
  const updated = await addGroundsToMessageCards(trx, stored.messageId, {
    reasons,
    priority,
    draft: draft?.text ? { text: draft.text, source: draft.source ?? 'template' } : undefined,
  });
  if (updated.length > 0) return { opened: [], updated };
  const opened = await recordCards(trx, deps, edit.message, stored, grounds, priority, false);
  await openRuleEscalations(trx, deps, stored, grounds, opened);
  return { opened, updated };
};

/** Records and acts on what an author's edit changed: new grounds, a rule's hide undone, and the cards that show the edit. */
export const recordEditOutcome = async (trx: Db, deps: PipelineDeps, edit: EditToRecord): Promise<PipelineOutcome> => {
  const { message, stored } = edit;
  const grounds = edit.changes.newGrounds;
  const decisionIds = grounds.length > 0 ? await recordDecisions(trx, stored.messageId, grounds) : [];
  const { supported } = automaticActions(deps, message, grounds);
  const actionIds = await recordActions(trx, message, stored, grounds, decisionIds, supported, edit.keyPrefix);
  const unhideIds = await recordUnhide(trx, deps, edit);
  const slaTimers = grounds.length > 0 ? await applyToConversation(trx, deps, edit, grounds) : [];
  const cards = await cardsForEdit(trx, deps, edit, grounds);
  const draft = cardDraft(grounds);
  return {
    actionIds: [...actionIds, ...unhideIds],
    cards: cards.opened,
    slaTimers,
    drafts: draft ? cards.opened.map(({ cardId }) => ({ cardId, message, decision: draft })) : [],
    cardUpdates: versions(cards.updated),
  };
};
