// A conversation's state as people and rules move it: assignment, resolution, the lead funnel, escalation, first response.
import { sql } from 'kysely';
import type { Db } from './db.js';

export const assignConversation = async (trx: Db, conversationId: string, assignee: string): Promise<void> => {
  await trx.updateTable('conversations').set({ assignee, updated_at: sql`now()` }).where('id', '=', conversationId).execute();
};

export const resolveConversation = async (trx: Db, conversationId: string): Promise<void> => {
  await trx
    .updateTable('conversations')
    .set({ state: 'resolved', resolved_at: sql`coalesce(resolved_at, now())`, updated_at: sql`now()` })
    .where('id', '=', conversationId)
    .execute();
};

/** The lead funnel's first stage; each stage keeps the time it was first reached. */
export const markLeadQualified = async (trx: Db, conversationId: string): Promise<void> => {
  await trx
    .updateTable('conversations')
    .set({ qualified_at: sql`coalesce(qualified_at, now())` })
    .where('id', '=', conversationId)
    .execute();
};

/** The funnel only moves forward: a booked or converted lead was qualified, whenever that was noticed. */
export const markLeadStage = async (trx: Db, conversationId: string, stage: 'booked' | 'converted'): Promise<void> => {
  const step =
    stage === 'booked' ? { booked_at: sql<Date>`coalesce(booked_at, now())` } : { converted_at: sql<Date>`coalesce(converted_at, now())` };
  await trx
    .updateTable('conversations')
    .set({ qualified_at: sql`coalesce(qualified_at, now())`, ...step, updated_at: sql`now()` })
    .where('id', '=', conversationId)
    .execute();
};

export const markConversationAcknowledged = async (trx: Db, conversationId: string): Promise<void> => {
  await trx
    .updateTable('conversations')
    .set({ acknowledged_at: sql`coalesce(acknowledged_at, now())` })
    .where('id', '=', conversationId)
    .execute();
};

export const markConversationEscalated = async (trx: Db, conversationId: string): Promise<void> => {
  await trx
    .updateTable('conversations')
    .set({ escalated_at: sql`coalesce(escalated_at, now())`, priority: 'urgent' })
    .where('id', '=', conversationId)
    .execute();
};

/** A reply the team wrote on the platform itself still answers the conversation, at the reply's own time. */
export const recordTeamReplyOnPlatform = async (db: Db, conversationId: string, at: Date): Promise<void> => {
  await db
    .updateTable('conversations')
    .set({
      first_response_at: sql`coalesce(first_response_at, ${at})`,
      first_response_by: sql`coalesce(first_response_by, 'human')`,
    })
    .where('id', '=', conversationId)
    .where('first_response_at', 'is', null)
    .execute();
};

/** The first answer we sent on the platform: by automation (a rule's action) or by a person (a card's). */
export const recordFirstResponse = async (db: Db, conversationId: string, by: 'automation' | 'human'): Promise<void> => {
  await db
    .updateTable('conversations')
    .set({ first_response_at: sql`now()`, first_response_by: by, updated_at: sql`now()` })
    .where('id', '=', conversationId)
    .where('first_response_at', 'is', null)
    .execute();
};
