import { sql } from 'kysely';
import type { ChatAdapter } from '../domain/chat.js';
import { NotYetError } from '../errors.js';
import type { Db } from '../store/db.js';
import type { Card } from '../store/schema.js';
import { loadCardModel, type Supports } from './load-card-model.js';

export interface CardPosterDeps {
  db: Db;
  chats: ReadonlyMap<string, ChatAdapter>;
  supports: Supports;
}

/** Another worker is posting this card right now; try again shortly (it will then be `already`). */
export class CardBeingPostedError extends NotYetError {
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
    let held = false;
    try {
      // Takes the lock and marks the attempt in one round trip, returning the card as it was. Marking
      // without getting the lock is harmless: whoever holds it has marked the attempt already.
      const { rows } = await sql<Partial<Card> & { previous_attempt: Date | null; locked: boolean }>`
        WITH before AS (SELECT id, post_attempted_at AS previous_attempt FROM cards WHERE id = ${cardId} FOR UPDATE),
        marked AS (
          UPDATE cards SET post_attempted_at = coalesce(cards.post_attempted_at, now())
          FROM before WHERE cards.id = before.id
          RETURNING cards.*, before.previous_attempt
        )
        SELECT pg_try_advisory_lock(hashtextextended(${lockKey}, 0)) AS locked, marked.* FROM (SELECT 1) AS one LEFT JOIN marked ON true
      `.execute(conn);
      const row = rows[0];
      held = row?.locked === true;
      if (!held) throw new CardBeingPostedError(cardId);
      if (!row?.id) return { outcome: 'missing', escalated: false };
      // Records the message id and releases the lock in one round trip; the version tells whether a press came in meanwhile.
      const recordAndRelease = async (messageId: string): Promise<number | null> => {
        const { rows: recorded } = await sql<{ version: number | null }>`
          WITH recorded AS (
            UPDATE cards SET chat_message_id = ${messageId}, posted_at = now() WHERE id = ${cardId} AND chat_message_id IS NULL RETURNING version
          )
          SELECT pg_advisory_unlock(hashtextextended(${lockKey}, 0)) AS unlocked, (SELECT version FROM recorded) AS version
        `.execute(conn);
        held = false;
        return recorded[0]?.version ?? null;
      };
      return await postCardExclusively({ ...deps, db: conn }, row as Card & { previous_attempt: Date | null }, recordAndRelease);
    } finally {
      if (held) await sql`SELECT pg_advisory_unlock(hashtextextended(${lockKey}, 0))`.execute(conn);
    }
  });

const postCardExclusively = async (
  deps: CardPosterDeps,
  card: Card & { previous_attempt: Date | null },
  recordAndRelease: (messageId: string) => Promise<number | null>,
): Promise<PostOutcome> => {
  const escalated = (card.reasons as { kind?: string }[]).some((reason) => reason.kind === 'escalate');
  if (card.chat_message_id) return { outcome: 'already', escalated };
  const chat = deps.chats.get(card.chat);
  if (!chat) throw new Error(`no ${card.chat} adapter is configured to post card ${card.id}`);

  if (card.previous_attempt) {
    const existing = await chat.findCard(card.channel, card.id, card.previous_attempt);
    if (existing) {
      await recordAndRelease(existing);
      return { outcome: 'found', escalated };
    }
  }
  const model = await loadCardModel(deps.db, card.id, deps.supports, card);
  if (!model) return { outcome: 'missing', escalated };
  const messageId = await chat.postCard(card.channel, model);
  const versionNow = await recordAndRelease(messageId);
  // A press between rendering and recording the message id found no message to update; render it now.
  if (versionNow !== null && versionNow !== model.version) await refreshCard(deps, card.id);
  return { outcome: 'posted', escalated };
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
