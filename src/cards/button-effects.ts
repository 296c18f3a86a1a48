import type { PlatformAction } from '../domain/action.js';
import type { CardButton } from '../domain/card.js';
import type { ChatName } from '../domain/chat.js';
import { addContactTags } from '../store/contacts.js';
import type { Db } from '../store/db.js';
import { rejectUnusedDraft, recordDraftOutcome } from '../store/cards.js';
import { acknowledgeEscalation, openEscalation } from '../store/escalations.js';
import {
  assignConversation,
  markConversationAcknowledged,
  markConversationEscalated,
  markLeadQualified,
  markLeadStage,
  resolveConversation,
} from '../store/conversations.js';
import { reverseHideDecisions } from '../store/decisions.js';
import { markHandledByPerson } from '../store/messages.js';
import type { Card } from '../store/schema.js';
import { draftOutcomeOf } from './press-rules.js';

export const platformActionFor = (button: CardButton, isDm: boolean): PlatformAction | undefined => {
  switch (button) {
    case 'approve':
    case 'edit':
      return isDm ? 'send_dm' : 'reply';
    case 'hide':
      return 'hide';
    case 'unhide':
      return 'unhide';
    case 'block':
      return 'block';
    case 'send_template':
      return 'send_template';
    default:
      return undefined;
  }
};

/** Words for the card's thread, from the pressing person's point of view. */
export const PRESS_WORDS: Record<CardButton, string> = {
  approve: 'approved the draft; sending it',
  edit: 'edited the draft; sending it',
  claim: 'claimed this conversation',
  escalate: 'escalated this',
  hide: 'is hiding the comment',
  unhide: 'is unhiding the comment',
  block: 'is blocking the author',
  tag_lead: 'tagged the author as a lead',
  booked: 'marked this lead as booked',
  converted: 'marked this lead as converted',
  resolve: 'resolved this conversation',
  acknowledge: 'acknowledged the escalation',
  send_again: 'chose to send it again, although its outcome could not be confirmed',
  send_template: 'is sending the approved template (the 24-hour window has closed)',
  stop: 'stopped the reply; it will not be sent',
  undo: 'undid the automatic action',
  unfold: 'is posting the folded cards on their own',
  promote: 'promoted the rule',
  not_now: 'chose not to promote the rule now',
};

export interface EffectContext {
  trx: Db;
  card: Card;
  actor: string;
  messageId: string;
  contactId: string;
  conversationId: string;
  /** Where Escalate rings: each of the card's chats that has an escalation channel. */
  escalationChannels: { chat: ChatName; channel: string }[];
}

/** What a button changes in our own records, beyond the platform call it may queue. */
export const applyButtonEffects = async (button: CardButton, ctx: EffectContext): Promise<{ escalationIds?: string[] }> => {
  const { trx, card, actor, conversationId } = ctx;
  // Any press means a person handled this message: it no longer counts as automated.
  await markHandledByPerson(trx, ctx.messageId);
  switch (button) {
    case 'approve':
    case 'edit':
      await recordDraftOutcome(trx, card.id, draftOutcomeOf(button, card.draft_source));
      return {};
    case 'hide':
    case 'block':
    case 'send_template':
      await rejectUnusedDraft(trx, card.id);
      return {};
    case 'claim':
      await assignConversation(trx, conversationId, actor);
      return {};
    case 'resolve':
      await resolveConversation(trx, conversationId);
      await rejectUnusedDraft(trx, card.id);
      return {};
    case 'tag_lead':
      await addContactTags(trx, ctx.contactId, ['lead']);
      await markLeadQualified(trx, conversationId);
      return {};
    case 'booked':
    case 'converted':
      await markLeadStage(trx, conversationId, button);
      return {};
    case 'unhide':
      await reverseHideDecisions(trx, ctx.messageId, actor);
      return {};
    case 'acknowledge':
      await acknowledgeEscalation(trx, card.id, actor);
      await markConversationAcknowledged(trx, conversationId);
      return {};
    case 'escalate':
      return escalateCard(ctx);
    default:
      return {};
  }
};

/** One escalation per chat of the card that has an escalation channel: each chat gets its alert, one Acknowledge stops them all. */
const escalateCard = async ({
  trx,
  card,
  actor,
  conversationId,
  escalationChannels,
}: EffectContext): Promise<{ escalationIds?: string[] }> => {
  await markConversationEscalated(trx, conversationId);
  const escalationIds: string[] = [];
  for (const { chat, channel } of escalationChannels) {
    const escalationId = await openEscalation(trx, {
      conversationId,
      cardId: card.id,
      chat,
      channel,
      reason: `escalated by ${actor}`,
      priority: 'urgent',
      escalatedBy: actor,
    });
    if (escalationId) escalationIds.push(escalationId);
  }
  return { escalationIds };
};
