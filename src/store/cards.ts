import { sql } from 'kysely';
import type { ChatName } from '../domain/chat.js';
import type { Db } from './db.js';
import { prepareAs } from './prepared-statements.js';
import type { Card, CardPlacementRow } from './schema.js';

/** Where a card is shown in one chat: enough to post it, put a note in its thread or link to it. */
export type CardPlacement = Pick<CardPlacementRow, 'chat' | 'channel' | 'chat_message_id'>;

/** A card as it was when this post attempt marked its placement, with the placement's attempt before (if any). */
export type CardPostAttempt = Card &
  CardPlacement &
  Pick<CardPlacementRow, 'folded_into' | 'unfolded_at'> & { previous_attempt: Date | null };

export const findCard = (db: Db, cardId: string): Promise<Card | undefined> =>
  db.selectFrom('cards').selectAll().where('id', '=', cardId).executeTakeFirst();

/** The card, locked until the transaction ends: presses of one card are decided one at a time, whichever chat they come from. */
export const lockCard = (trx: Db, cardId: string): Promise<Card | undefined> =>
  trx.selectFrom('cards').selectAll().where('id', '=', cardId).forUpdate().executeTakeFirst();

export const findCardVersion = async (db: Db, cardId: string): Promise<number | undefined> =>
  (await db.selectFrom('cards').select('version').where('id', '=', cardId).executeTakeFirst())?.version;

/** Every chat the card is shown in, in the order they were opened. */
export const findCardPlacements = (db: Db, cardId: string): Promise<CardPlacement[]> =>
  db.selectFrom('card_placements').select(['chat', 'channel', 'chat_message_id']).where('card_id', '=', cardId).orderBy('id').execute();

export const findCardPlacement = (db: Db, cardId: string, chat: ChatName): Promise<CardPlacement | undefined> =>
  db
    .selectFrom('card_placements')
    .select(['chat', 'channel', 'chat_message_id'])
    .where('card_id', '=', cardId)
    .where('chat', '=', chat)
    .executeTakeFirst();

/**
 * Every placement of every card of the conversation, except those folded into a storm card: they have no
 * thread of their own, and a line each in the storm card's thread would be the flood folding prevents.
 */
export const findConversationPlacements = (db: Db, conversationId: string): Promise<CardPlacement[]> =>
  db
    .selectFrom('card_placements as p')
    .innerJoin('cards as c', 'c.id', 'p.card_id')
    .select(['p.chat', 'p.channel', 'p.chat_message_id'])
    .where('c.conversation_id', '=', conversationId)
    .where((eb) => eb.or([eb('p.folded_into', 'is', null), eb('p.unfolded_at', 'is not', null)]))
    .orderBy('p.id')
    .execute();

/** The card a chat message shows, if it shows one. */
export const findCardIdByChatMessage = async (db: Db, chat: ChatName, chatMessageId: string): Promise<string | undefined> =>
  (
    await db
      .selectFrom('card_placements')
      .select('card_id')
      .where('chat', '=', chat)
      .where('chat_message_id', '=', chatMessageId)
      .executeTakeFirst()
  )?.card_id;

// Prepared by name: run for every card posted, and planned in longer than they run (see prepared-statements.ts).
const PREPARED_CLAIM_POST = sql.raw(prepareAs('claim_card_post'));
const PREPARED_RECORD_POST = sql.raw(prepareAs('record_card_post'));

const postLockKey = (cardId: string, chat: ChatName) => `card-post:${cardId}:${chat}`;

/**
 * Takes the placement's post lock (a session advisory lock) and marks the attempt, in one round trip,
 * returning the card and placement as they were. One statement, because the mark must not wait for a second trip:
 * marking without getting the lock is harmless, whoever holds it has marked the attempt already.
 */
export const claimCardPost = async (
  conn: Db,
  cardId: string,
  chat: ChatName,
): Promise<{ locked: boolean; card: CardPostAttempt | undefined }> => {
  const { rows } = await sql<Partial<CardPostAttempt> & { locked: boolean }>`
    ${PREPARED_CLAIM_POST}
    WITH before AS (
      SELECT id, post_attempted_at AS previous_attempt FROM card_placements WHERE card_id = ${cardId} AND chat = ${chat} FOR UPDATE
    ),
    marked AS (
      UPDATE card_placements SET post_attempted_at = coalesce(card_placements.post_attempted_at, now())
      FROM before WHERE card_placements.id = before.id
      RETURNING card_placements.card_id, card_placements.chat, card_placements.channel, card_placements.chat_message_id,
                card_placements.folded_into, card_placements.unfolded_at, before.previous_attempt
    )
    SELECT pg_try_advisory_lock(hashtextextended(${postLockKey(cardId, chat)}, 0)) AS locked, cards.*,
           marked.chat, marked.channel, marked.chat_message_id, marked.folded_into, marked.unfolded_at, marked.previous_attempt
    FROM (SELECT 1) AS one LEFT JOIN marked ON true LEFT JOIN cards ON cards.id = marked.card_id
  `.execute(conn);
  const row = rows[0];
  return { locked: row?.locked === true, card: row?.id ? (row as CardPostAttempt) : undefined };
};

/**
 * Records the placement's posted message id (once) and releases its post lock in one round trip. The card's
 * version comes back (null when an id was recorded already) so the poster can tell whether a press came in meanwhile.
 */
export const recordCardPostAndRelease = async (conn: Db, cardId: string, chat: ChatName, messageId: string): Promise<number | null> => {
  const { rows } = await sql<{ version: number | null }>`
    ${PREPARED_RECORD_POST}
    WITH recorded AS (
      UPDATE card_placements SET chat_message_id = ${messageId}, posted_at = now()
      WHERE card_id = ${cardId} AND chat = ${chat} AND chat_message_id IS NULL RETURNING card_id
    )
    SELECT pg_advisory_unlock(hashtextextended(${postLockKey(cardId, chat)}, 0)) AS unlocked,
           (SELECT version FROM cards WHERE id = (SELECT card_id FROM recorded)) AS version
  `.execute(conn);
  return rows[0]?.version ?? null;
};

export const releaseCardPost = async (conn: Db, cardId: string, chat: ChatName): Promise<void> => {
  await sql`SELECT pg_advisory_unlock(hashtextextended(${postLockKey(cardId, chat)}, 0))`.execute(conn);
};

/** Serializes refreshes of one card in one chat until the transaction ends, so an older render never lands last. */
export const lockCardRefresh = async (trx: Db, cardId: string, chat: ChatName): Promise<void> => {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`card-refresh:${cardId}:${chat}`}, 0))`.execute(trx);
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

/** A card the pipeline opens for a person: one per message, shown in each of `placements` (one per chat). */
export interface CardToOpen {
  conversationId: string;
  messageId: string;
  placements: { chat: ChatName; channel: string }[];
  priority: string;
  draft: { text: string | null; source: string | null };
  reasons: { rule: string; kind: string; matched: string[] }[];
}

/**
 * Opens the card with its placements in one statement; undefined (and nothing written) when the message
 * has a card already (a redelivery) or there is nowhere to show it.
 */
export const openCard = async (trx: Db, card: CardToOpen): Promise<string | undefined> => (await openCards(trx, [card]))[0];

/**
 * Opens many cards with their placements in one statement (none to open: no statement). Returns each
 * card's id in the order given; undefined (and nothing written) for a message that has a card already
 * (a redelivery) or nowhere to show it.
 */
export const openCards = async (trx: Db, cards: readonly CardToOpen[]): Promise<(string | undefined)[]> => {
  const shown = cards.filter((card) => card.placements.length > 0);
  if (shown.length === 0) return cards.map(() => undefined);
  const placements = shown.flatMap((card) => card.placements.map((placement) => ({ messageId: card.messageId, ...placement })));
  const { rows } = await sql<{ card_id: string; message_id: string }>`
    WITH card AS (
      INSERT INTO cards (conversation_id, message_id, priority, draft, draft_source, reasons)
      SELECT input.conversation_id, input.message_id, input.priority, input.draft, input.draft_source, input.reasons::jsonb
      FROM unnest(${shown.map((c) => c.conversationId)}::bigint[], ${shown.map((c) => c.messageId)}::bigint[],
                  ${shown.map((c) => c.priority)}::text[], ${shown.map((c) => c.draft.text)}::text[],
                  ${shown.map((c) => c.draft.source)}::text[], ${shown.map((c) => JSON.stringify(c.reasons))}::text[])
           WITH ORDINALITY AS input(conversation_id, message_id, priority, draft, draft_source, reasons, n)
      ORDER BY input.n
      ON CONFLICT DO NOTHING
      RETURNING id, message_id
    ), placed AS (
      INSERT INTO card_placements (card_id, chat, channel)
      SELECT card.id, target.chat, target.channel
      FROM unnest(${placements.map((p) => p.messageId)}::bigint[], ${placements.map((p) => p.chat)}::text[],
                  ${placements.map((p) => p.channel)}::text[]) WITH ORDINALITY AS target(message_id, chat, channel, n)
      JOIN card ON card.message_id = target.message_id
      ORDER BY target.n
      RETURNING card_id
    )
    SELECT DISTINCT placed.card_id::text AS card_id, card.message_id::text AS message_id FROM placed JOIN card ON card.id = placed.card_id
  `.execute(trx);
  const byMessage = new Map(rows.map((row) => [row.message_id, row.card_id]));
  return cards.map((card) => (card.placements.length > 0 ? byMessage.get(card.messageId) : undefined));
};

/** Replaces a card's draft with its rewrite (LLM + guardrails), only while the card is not yet posted. */
export const saveRewrittenDraft = async (db: Db, cardId: string, draft: { text: string; source: string; note?: string }): Promise<void> => {
  await db
    .updateTable('cards')
    .set({ draft: draft.text, draft_source: draft.source, draft_note: draft.note ?? null })
    .where('id', '=', cardId)
    // Only while no chat shows it yet: a person may already be reading the draft.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('card_placements').select('id').where('card_id', '=', cardId).where('chat_message_id', 'is not', null))),
    )
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
