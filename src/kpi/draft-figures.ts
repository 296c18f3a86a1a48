import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import type { Period } from './period.js';

/** Drafts shown on cards in the period, by what a person did with them; one count per message, whatever the chats. */
export interface DraftFigures {
  shown: number;
  approved: number;
  edited: number;
  rejected: number;
}

export const draftFigures = async (db: Db, period: Period): Promise<DraftFigures> => {
  const { rows } = await sql<DraftFigures>`
    SELECT count(DISTINCT message_id)::int AS shown,
           count(DISTINCT message_id) FILTER (WHERE draft_outcome = 'approved')::int AS approved,
           count(DISTINCT message_id) FILTER (WHERE draft_outcome = 'edited')::int AS edited,
           count(DISTINCT message_id) FILTER (WHERE draft_outcome = 'rejected')::int AS rejected
    FROM cards
    WHERE draft IS NOT NULL AND created_at >= ${period.from} AND created_at < ${period.to}
  `.execute(db);
  return rows[0] ?? { shown: 0, approved: 0, edited: 0, rejected: 0 };
};
