import { sql } from 'kysely';
import type { ChatName } from '../domain/chat.js';
import type { Db } from './db.js';
import type { Card } from './schema.js';

/** Where a card was posted: enough to put a note in its thread or link to it. */
export type CardPlacement = Pick<Card, 'chat' | 'channel' | 'chat_message_id'>;

/** A card as it was when this post attempt marked it, with the attempt before (if any). */
export type CardPostAttempt = Card & { previous_attempt: Date | null };

export const findCard = (db: Db, cardId: string): Promise<Card | undefined> =>
  db.selectFrom('cards').selectAll().where('id', '=', cardId).executeTakeFirst();

/** The card, locked until the transaction ends: presses of one card are decided one at a time. */
export const lockCard = (trx: Db, cardId: string): Promise<Card | undefined> =>
  trx.selectFrom('cards').selectAll().where('id', '=', cardId).forUpdate().executeTakeFirst();

export const findCardVersion = async (db: Db, cardId: string): Promise<number | undefined> =>
  (await db.selectFrom('cards').select('version').where('id', '=', cardId).executeTakeFirst())?.version;

export const findCardPlacement = (db: Db, cardId: string): Promise<CardPlacement | undefined> =>
  db.selectFrom('cards').select(['chat', 'channel', 'chat_message_id']).where('id', '=', cardId).executeTakeFirst();

export const findConversationCards = (db: Db, conversationId: string): Promise<CardPlacement[]> =>
  db.selectFrom('cards').select(['chat', 'channel', 'chat_message_id']).where('conversation_id', '=', conversationId).execute();

const postLockKey = (cardId: string) => `card-post:${cardId}`;

/**
 * Takes the card's post lock (a session advisory lock) and marks the attempt, in one round trip,
 * returning the card as it was. One statement, because the mark must not wait for a second trip:
 * marking without getting the lock is harmless, whoever holds it has marked the attempt already.
 */
export const claimCardPost = async (conn: Db, cardId: string): Promise<{ locked: boolean; card: CardPostAttempt | undefined }> => {
  const { rows } = await sql<Partial<CardPostAttempt> & { locked: boolean }>`
    WITH before AS (SELECT id, post_attempted_at AS previous_attempt FROM cards WHERE id = ${cardId} FOR UPDATE),
    marked AS (
      UPDATE cards SET post_attempted_at = coalesce(cards.post_attempted_at, now())
      FROM before WHERE cards.id = before.id
      RETURNING cards.*, before.previous_attempt
    )
    SELECT pg_try_advisory_lock(hashtextextended(${postLockKey(cardId)}, 0)) AS locked, marked.* FROM (SELECT 1) AS one LEFT JOIN marked ON true
  `.execute(conn);
  const row = rows[0];
  return { locked: row?.locked === true, card: row?.id ? (row as CardPostAttempt) : undefined };
};

/**
 * Records the posted message id (once) and releases the post lock in one round trip. The card's
 * version comes back (null when an id was recorded already) so the poster can tell whether a press came in meanwhile.
 */
export const recordCardPostAndRelease = async (conn: Db, cardId: string, messageId: string): Promise<number | null> => {
  const { rows } = await sql<{ version: number | null }>`
    WITH recorded AS (
      UPDATE cards SET chat_message_id = ${messageId}, posted_at = now() WHERE id = ${cardId} AND chat_message_id IS NULL RETURNING version
    )
    SELECT pg_advisory_unlock(hashtextextended(${postLockKey(cardId)}, 0)) AS unlocked, (SELECT version FROM recorded) AS version
  `.execute(conn);
  return rows[0]?.version ?? null;
};

export const releaseCardPost = async (conn: Db, cardId: string): Promise<void> => {
  await sql`SELECT pg_advisory_unlock(hashtextextended(${postLockKey(cardId)}, 0))`.execute(conn);
};

/** Serializes refreshes of one card until the transaction ends, so an older render never lands last. */
export const lockCardRefresh = async (trx: Db, cardId: string): Promise<void> => {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`card-refresh:${cardId}`}, 0))`.execute(trx);
};

export interface CardPressed {
  state: Card['state'];
  button: string;
  actor: string;
  /** A new draft, for Edit. */
  draft?: string | undefined;
}

/** A press changes the card: a new version (older buttons now answer "too late") and who did what. */
export const markCardPressed = async (trx: Db, cardId: string, press: CardPressed): Promise<void> => {
  await trx
    .updateTable('cards')
    .set({
      version: sql`version + 1`,
      state: press.state,
      last_action: press.button,
      last_actor: press.actor,
      last_acted_at: sql`now()`,
      ...(press.draft ? { draft: press.draft, draft_source: 'edited' } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', cardId)
    .execute();
};

/** After its action settles the card leaves 'acting' (only then: a later press may have moved it on). */
export const leaveActing = async (db: Db, cardId: string, state: 'open' | 'failed'): Promise<void> => {
  await db
    .updateTable('cards')
    .set({ state, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', cardId)
    .where('state', '=', 'acting')
    .execute();
};

export const recordDraftOutcome = async (trx: Db, cardId: string, outcome: 'approved' | 'edited'): Promise<void> => {
  await trx.updateTable('cards').set({ draft_outcome: outcome }).where('id', '=', cardId).execute();
};

/** A draft nobody sent before the card was moderated or resolved counts as rejected (draft acceptance). */
export const rejectUnusedDraft = async (trx: Db, cardId: string): Promise<void> => {
  await trx
    .updateTable('cards')
    .set({ draft_outcome: 'rejected' })
    .where('id', '=', cardId)
    .where('draft', 'is not', null)
    .where('draft_outcome', 'is', null)
    .execute();
};

/** A card the pipeline opens for a person: one per message and chat. */
export interface CardToOpen {
  conversationId: string;
  messageId: string;
  chat: ChatName;
  channel: string;
  priority: string;
  draft: { text: string | null; source: string | null };
  reasons: { rule: string; kind: string; matched: string[] }[];
}

/** Opens the cards (none: no statement); a card already open for the message and chat is left as it is and not returned. */
export const openCards = async (trx: Db, cards: CardToOpen[]): Promise<string[]> => {
  if (cards.length === 0) return [];
  const rows = await trx
    .insertInto('cards')
    .values(
      cards.map((card) => ({
        conversation_id: card.conversationId,
        message_id: card.messageId,
        chat: card.chat,
        channel: card.channel,
        priority: card.priority,
        draft: card.draft.text,
        draft_source: card.draft.source,
        reasons: JSON.stringify(card.reasons),
      })),
    )
    .onConflict((conflict) => conflict.columns(['message_id', 'chat']).doNothing())
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
};

/** Replaces a card's draft with its rewrite (LLM + guardrails), only while the card is not yet posted. */
export const saveRewrittenDraft = async (db: Db, cardId: string, draft: { text: string; source: string; note?: string }): Promise<void> => {
  await db
    .updateTable('cards')
    .set({ draft: draft.text, draft_source: draft.source, draft_note: draft.note ?? null })
    .where('id', '=', cardId)
    .where('chat_message_id', 'is', null)
    .execute();
};

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
