import { sql } from 'kysely';
import type { Db } from './db.js';

/** Adds tags to a contact, each once, whoever adds them (a rule, a funnel step, Tag lead). */
export const addContactTags = (db: Db, contactId: string, tags: string[]): Promise<void> => addTagsToContacts(db, [{ contactId, tags }]);

/** Adds tags to many contacts in one statement (none: no statement), each tag once per contact. */
export const addTagsToContacts = async (db: Db, added: { contactId: string; tags: string[] }[]): Promise<void> => {
  const pairs = added.flatMap(({ contactId, tags }) => tags.map((tag) => [contactId, tag] as const));
  if (pairs.length === 0) return;
  await sql`
    UPDATE contacts SET tags = (SELECT array_agg(DISTINCT t) FROM unnest(contacts.tags || added.tags) AS t)
    FROM (SELECT id, array_agg(tag) AS tags
          FROM unnest(${pairs.map(([id]) => id)}::bigint[], ${pairs.map(([, tag]) => tag)}::text[]) AS pair(id, tag)
          GROUP BY id) AS added
    WHERE contacts.id = added.id
  `.execute(db);
};
