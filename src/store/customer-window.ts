import type { Db } from './db.js';

/** When the customer last wrote in the conversation: the customer-service window runs from there. */
export const findLastInboundAt = async (db: Db, conversationId: string): Promise<Date | undefined> => {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.max('created_at').as('last'))
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'inbound')
    .executeTakeFirst();
  return row?.last ?? undefined;
};
