import { sql } from 'kysely';
import type { Db } from './db.js';
import type { Conversation } from './schema.js';

export type SlaNotice = 'warn' | 'breach';

/** A conversation's first-response deadline and when to warn before it. */
export type SlaDeadline = Pick<Conversation, 'id' | 'sla_warn_at' | 'sla_deadline_at' | 'sla_warned_at'>;

export const findSlaConversation = (db: Db, conversationId: string): Promise<Conversation | undefined> =>
  db.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirst();

/** Marks the notice as sent; false when it was sent already. The conditional update makes each notice happen once. */
export const markSlaNotice = async (db: Db, conversationId: string, notice: SlaNotice): Promise<boolean> => {
  const marked = await db
    .updateTable('conversations')
    .set(notice === 'warn' ? { sla_warned_at: sql`now()` } : { sla_breached_at: sql`now()` })
    .where('id', '=', conversationId)
    .where(notice === 'warn' ? 'sla_warned_at' : 'sla_breached_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return marked !== undefined;
};

/** Open conversations still waiting for a first response whose deadline has not been breached yet. */
export const findOpenSlaDeadlines = (db: Db): Promise<SlaDeadline[]> =>
  db
    .selectFrom('conversations')
    .select(['id', 'sla_warn_at', 'sla_deadline_at', 'sla_warned_at'])
    .where('state', 'in', ['open', 'waiting'])
    .where('first_response_at', 'is', null)
    .where('sla_deadline_at', 'is not', null)
    .where('sla_breached_at', 'is', null)
    .execute();
