import { sql } from 'kysely';
import type { ChatAdapter } from '../domain/chat.js';
import type { Db } from '../store/db.js';
import type { Card } from '../store/schema.js';
import { loadCardModel, type Supports } from './load-card-model.js';

export interface CardPosterDeps {
  db: Db;
  chats: ReadonlyMap<string, ChatAdapter>;
  supports: Supports;
}

/** Another worker is posting this card right now; try again shortly (it will then be `already`). */
export class CardBeingPostedError extends Error {
  constructor(cardId: string) {
    super(`card ${cardId} is being posted by another worker`);
    this.name = 'CardBeingPostedError';
  }
}

export type PostOutcome = { outcome: 'posted' | 'found' | 'already' | 'missing'; escalated: boolean };

/**
 * Post a card once. Posts of one card are exclusive (a session advisory lock, released if the
 * process dies), because the inline post and a reconciler-queued post can otherwise both find no
 * message yet and both post. If an earlier attempt started but never recorded the message id (the
 * worker died, the answer was lost), the channel is searched first so the card is not posted twice.
 * `escalated` says whether a rule escalated this card (its alert waits for the card's link).
 */
export const postCard = async (deps: CardPosterDeps, cardId: string): Promise<PostOutcome> =>
  // Every statement runs on the locking connection, so a full pool cannot deadlock lock holders.
  deps.db.connection().execute(async (conn) => {
    const lockKey = `card-post:${cardId}`;
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(hashtextextended(${lockKey}, 0)) AS locked`.execute(conn);
    if (!rows[0]?.locked) throw new CardBeingPostedError(cardId);
    try {
      return await postCardExclusively({ ...deps, db: conn }, cardId);
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtextextended(${lockKey}, 0))`.execute(conn);
    }
  });

const postCardExclusively = async (deps: CardPosterDeps, cardId: string): Promise<PostOutcome> => {
  // Marks the attempt and returns the card as it was before, in one statement.
  const { rows } = await sql<Card & { previous_attempt: Date | null }>`
    UPDATE cards SET post_attempted_at = coalesce(post_attempted_at, now())
    FROM (SELECT id, post_attempted_at AS previous_attempt FROM cards WHERE id = ${cardId} FOR UPDATE) AS before
    WHERE cards.id = before.id
    RETURNING cards.*, before.previous_attempt
  `.execute(deps.db);
  const card = rows[0];
  if (!card) return { outcome: 'missing', escalated: false };
  const escalated = (card.reasons as { kind?: string }[]).some((reason) => reason.kind === 'escalate');
  if (card.chat_message_id) return { outcome: 'already', escalated };
  const chat = deps.chats.get(card.chat);
  if (!chat) throw new Error(`no ${card.chat} adapter is configured to post card ${cardId}`);

  if (card.previous_attempt) {
    const existing = await chat.findCard(card.channel, card.id, card.previous_attempt);
    if (existing) {
      await recordPosted(deps.db, cardId, existing);
      return { outcome: 'found', escalated };
    }
  }
  const model = await loadCardModel(deps.db, cardId, deps.supports, card);
  if (!model) return { outcome: 'missing', escalated };
  const messageId = await chat.postCard(card.channel, model);
  const versionNow = await recordPosted(deps.db, cardId, messageId);
  // A press between rendering and recording the message id found no message to update; render it now.
  if (versionNow !== undefined && versionNow !== model.version) await refreshCard(deps, cardId);
  return { outcome: 'posted', escalated };
};

const recordPosted = async (db: Db, cardId: string, messageId: string): Promise<number | undefined> => {
  const row = await db
    .updateTable('cards')
    .set({ chat_message_id: messageId, posted_at: sql`now()` })
    .where('id', '=', cardId)
    .where('chat_message_id', 'is', null)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
};

/**
 * Re-render a posted card with its current state. Refreshes of one card are serialized (advisory
 * lock), so each renders the state as of its turn and an older render can never land last.
 */
export const refreshCard = async (deps: CardPosterDeps, cardId: string): Promise<'updated' | 'not_posted' | 'missing'> =>
  deps.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`card-refresh:${cardId}`}, 0))`.execute(trx);
    const card = await trx.selectFrom('cards').selectAll().where('id', '=', cardId).executeTakeFirst();
    if (!card) return 'missing';
    if (!card.chat_message_id) return 'not_posted';
    const chat = deps.chats.get(card.chat);
    if (!chat) throw new Error(`no ${card.chat} adapter is configured to update card ${cardId}`);
    const model = await loadCardModel(trx, cardId, deps.supports);
    if (!model) return 'missing';
    await chat.updateCard(card.channel, card.chat_message_id, model);
    return 'updated';
  });
