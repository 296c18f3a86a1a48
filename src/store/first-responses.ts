import { sql } from 'kysely';
import type { Db } from './db.js';

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
