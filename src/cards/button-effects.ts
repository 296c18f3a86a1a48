import { sql } from 'kysely';
import type { PlatformAction } from '../domain/action.js';
import type { CardButton } from '../domain/card.js';
import { addContactTags } from '../store/contacts.js';
import type { Db } from '../store/db.js';
import { openEscalation } from '../store/escalations.js';
import type { Card } from '../store/schema.js';

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
};

/** A draft nobody sent before the card was moderated or resolved counts as rejected (draft acceptance). */
const rejectUnusedDraft = async (trx: Db, cardId: string) => {
  await trx
    .updateTable('cards')
    .set({ draft_outcome: 'rejected' })
    .where('id', '=', cardId)
    .where('draft', 'is not', null)
    .where('draft_outcome', 'is', null)
    .execute();
};

export interface EffectContext {
  trx: Db;
  card: Card;
  actor: string;
  messageId: string;
  contactId: string;
  conversationId: string;
  escalationChannel: string | undefined;
}

/** What a button changes in our own records, beyond the platform call it may queue. */
export const applyButtonEffects = async (button: CardButton, ctx: EffectContext): Promise<{ escalationId?: string }> => {
  const { trx, card, actor } = ctx;
  // Any press means a person handled this message: it no longer counts as automated.
  await trx.updateTable('messages').set({ handled_by: 'person' }).where('id', '=', ctx.messageId).execute();
  switch (button) {
    case 'approve':
    case 'edit':
      await trx
        .updateTable('cards')
        .set({ draft_outcome: button === 'approve' && card.draft_source !== 'edited' ? 'approved' : 'edited' })
        .where('id', '=', card.id)
        .execute();
      return {};
    case 'hide':
    case 'block':
      await rejectUnusedDraft(trx, card.id);
      return {};
    case 'claim':
      await trx
        .updateTable('conversations')
        .set({ assignee: actor, updated_at: sql`now()` })
        .where('id', '=', ctx.conversationId)
        .execute();
      return {};
    case 'resolve':
      await trx
        .updateTable('conversations')
        .set({ state: 'resolved', resolved_at: sql`coalesce(resolved_at, now())`, updated_at: sql`now()` })
        .where('id', '=', ctx.conversationId)
        .execute();
      await rejectUnusedDraft(trx, card.id);
      return {};
    case 'tag_lead':
      await addContactTags(trx, ctx.contactId, ['lead']);
      await trx
        .updateTable('conversations')
        .set({ qualified_at: sql`coalesce(qualified_at, now())` })
        .where('id', '=', ctx.conversationId)
        .execute();
      return {};
    case 'booked':
    case 'converted': {
      // The funnel only moves forward: a booked or converted lead was qualified, whenever that was noticed.
      const step =
        button === 'booked'
          ? { booked_at: sql<Date>`coalesce(booked_at, now())` }
          : { converted_at: sql<Date>`coalesce(converted_at, now())` };
      await trx
        .updateTable('conversations')
        .set({ qualified_at: sql`coalesce(qualified_at, now())`, ...step, updated_at: sql`now()` })
        .where('id', '=', ctx.conversationId)
        .execute();
      return {};
    }
    case 'unhide':
      // Undoing a rule's hide is a person overriding automation (the intervention rate).
      await trx
        .updateTable('decisions')
        .set({ reversed_at: sql`now()`, reversed_by: actor })
        .where('message_id', '=', ctx.messageId)
        .where('kind', '=', 'hide')
        .where('reversed_at', 'is', null)
        .execute();
      return {};
    case 'acknowledge':
      await trx
        .updateTable('escalations')
        .set({ acknowledged_at: sql`now()`, acknowledged_by: actor })
        .where('card_id', '=', card.id)
        .where('acknowledged_at', 'is', null)
        .execute();
      await trx
        .updateTable('conversations')
        .set({ acknowledged_at: sql`coalesce(acknowledged_at, now())` })
        .where('id', '=', ctx.conversationId)
        .execute();
      return {};
    case 'escalate': {
      await trx
        .updateTable('conversations')
        .set({ escalated_at: sql`coalesce(escalated_at, now())`, priority: 'urgent' })
        .where('id', '=', ctx.conversationId)
        .execute();
      if (!ctx.escalationChannel) return {};
      const escalationId = await openEscalation(trx, {
        conversationId: ctx.conversationId,
        cardId: card.id,
        chat: card.chat,
        channel: ctx.escalationChannel,
        reason: `escalated by ${actor}`,
        priority: 'urgent',
        escalatedBy: actor,
      });
      return escalationId ? { escalationId } : {};
    }
    default:
      return {};
  }
};
