import { sql } from 'kysely';
import type { Db } from './db.js';

/** Adds tags to a contact, each once, whoever adds them (a rule, a funnel step, Tag lead). */
export const addContactTags = async (db: Db, contactId: string, tags: string[]): Promise<void> => {
  if (tags.length === 0) return;
  await db
    .updateTable('contacts')
    .set({ tags: sql`(SELECT array_agg(DISTINCT t) FROM unnest(contacts.tags || ${tags}::text[]) AS t)` })
    .where('id', '=', contactId)
    .execute();
};
