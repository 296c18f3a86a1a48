import type { Db } from './db.js';

/** The current version of a card, and of every card of a message (either may be absent). */
export const findCardVersions = async (
  db: Db,
  where: { cardId?: string | null; messageId?: string | null },
): Promise<{ id: string; version: number }[]> =>
  db
    .selectFrom('cards')
    .select(['id', 'version'])
    .where((eb) =>
      eb.or([...(where.cardId ? [eb('id', '=', where.cardId)] : []), ...(where.messageId ? [eb('message_id', '=', where.messageId)] : [])]),
    )
    .execute();

/** The card's escalations whose alert has not gone out: a rule's escalation waits for its card, so the alert can link to it. */
export const findEscalationsAwaitingAlert = async (db: Db, cardId: string): Promise<string[]> => {
  const rows = await db
    .selectFrom('escalations')
    .select('id')
    .where('card_id', '=', cardId)
    .where('alert_message_id', 'is', null)
    .execute();
  return rows.map((row) => row.id);
};
