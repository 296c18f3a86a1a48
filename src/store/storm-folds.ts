import { sql } from 'kysely';
import type { ChatName } from '../domain/chat.js';
import type { Db } from './db.js';
import { withSessionLock } from './stale-work.js';

/**
 * What posting a card in one chat found about comment storms: the card is a storm card itself (its
 * post is now marked), it was folded into its post's open storm card, or it is posted on its own.
 * `flushAt`: this fold is the first since the storm card's last update, so an update is due then.
 */
export type FoldOutcome = { kind: 'storm' } | { kind: 'own' } | { kind: 'folded'; stormCardId: string; flushAt: Date | undefined };

/**
 * Decides, in one statement and under the storm placement's row lock, whether a card about to be posted in
 * `chat` folds into its post's open storm card. A card is a storm card when one of its own reasons is a handoff
 * by a folding post-scope rule (`stormRules`); it marks its post and is never folded. A card folds when it
 * is routine — priority normal or low, no escalation, not a lead — and an older, unresolved storm card of the
 * same post is shown in the same chat. The row lock on the storm placement serializes folds with its updates.
 */
/**
 * A routine card, which may fold: priority normal or low, no escalation (by a rule or a person), not a lead.
 * Over `cards c` joined to its conversation `v` and its author `a`.
 */
const ROUTINE = sql<boolean>`(
  c.priority IN ('normal', 'low')
  AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(c.reasons) r WHERE r->>'kind' IN ('escalate', 'lead'))
  AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.card_id = c.id)
  AND v.qualified_at IS NULL AND v.escalated_at IS NULL AND NOT ('lead' = ANY(a.tags)))`;

export const foldIntoStorm = async (
  conn: Db,
  card: { cardId: string; chat: ChatName; stormRules: readonly string[]; flushDelayMs: number },
): Promise<FoldOutcome> => {
  const { rows } = await sql<{ is_storm: boolean | null; storm_card: string | null; flush_at: Date | null }>`
    WITH card AS (
      SELECT c.id, m.platform || ':' || m.post_id AS post_key,
        EXISTS (SELECT 1 FROM jsonb_array_elements(c.reasons) r
                WHERE r->>'kind' = 'handoff' AND r->>'rule' = ANY(${[...card.stormRules]}::text[])) AS is_storm,
        ${ROUTINE} AS routine
      FROM cards c
      JOIN messages m ON m.id = c.message_id
      JOIN conversations v ON v.id = c.conversation_id
      JOIN contacts a ON a.id = m.contact_id
      WHERE c.id = ${card.cardId} AND m.post_id IS NOT NULL AND c.state <> 'resolved'
    ),
    marked AS (
      UPDATE cards SET storm_post = card.post_key FROM card
      WHERE cards.id = card.id AND card.is_storm AND cards.storm_post IS NULL
      RETURNING cards.id
    ),
    storm AS (
      SELECT sp.id, sp.card_id FROM card, cards s
      JOIN card_placements sp ON sp.card_id = s.id AND sp.chat = ${card.chat}
      WHERE NOT card.is_storm AND card.routine AND s.storm_post = card.post_key AND s.state <> 'resolved'
        AND s.id < card.id AND sp.folded_into IS NULL
      ORDER BY s.id DESC LIMIT 1
      FOR UPDATE OF sp
    ),
    folded AS (
      UPDATE card_placements p SET folded_into = storm.id, folded_at = now() FROM storm
      WHERE p.card_id = ${card.cardId} AND p.chat = ${card.chat} AND p.chat_message_id IS NULL
        AND p.folded_into IS NULL AND p.unfolded_at IS NULL
      RETURNING storm.id AS storm_placement, storm.card_id AS storm_card
    ),
    -- A flush already due is left alone (coalescing); one overdue by a minute lost its job and is asked for again.
    flush AS (
      UPDATE card_placements sp SET fold_flush_due_at = now() + make_interval(secs => ${card.flushDelayMs / 1000})
      FROM folded
      WHERE sp.id = folded.storm_placement
        AND (sp.fold_flush_due_at IS NULL OR sp.fold_flush_due_at < now() - interval '1 minute')
      RETURNING sp.fold_flush_due_at
    )
    SELECT (SELECT is_storm FROM card) AS is_storm, (SELECT storm_card FROM folded) AS storm_card,
           (SELECT fold_flush_due_at FROM flush) AS flush_at
  `.execute(conn);
  const row = rows[0];
  if (row?.is_storm) return { kind: 'storm' };
  if (row?.storm_card) return { kind: 'folded', stormCardId: row.storm_card, flushAt: row.flush_at ?? undefined };
  return { kind: 'own' };
};

/**
 * A folded placement whose card is no longer routine (an edit made it urgent, an escalation or a lead) is
 * released to be posted on its own (conditional update). True while it is released and not yet posted, by
 * this call or an earlier one, so a post that failed after the release is tried again.
 */
export const releaseNonRoutineFold = async (db: Db, cardId: string, chat: ChatName): Promise<boolean> => {
  const { rows } = await sql<{ id: string }>`
    UPDATE card_placements p SET unfolded_at = coalesce(p.unfolded_at, now())
    FROM cards c
    JOIN messages m ON m.id = c.message_id
    JOIN conversations v ON v.id = c.conversation_id
    JOIN contacts a ON a.id = m.contact_id
    WHERE c.id = p.card_id AND p.card_id = ${cardId} AND p.chat = ${chat}
      AND p.folded_into IS NOT NULL AND p.chat_message_id IS NULL
      AND (p.unfolded_at IS NOT NULL OR NOT ${ROUTINE})
    RETURNING p.id
  `.execute(db);
  return rows.length > 0;
};

/** A storm card's placement in one chat, as its coalesced update needs it. */
export interface StormPlacement {
  id: string;
  channel: string;
  chat_message_id: string | null;
  fold_noted_through: string | null;
}

export const findStormPlacement = (db: Db, stormCardId: string, chat: ChatName): Promise<StormPlacement | undefined> =>
  db
    .selectFrom('card_placements')
    .select(['id', 'channel', 'chat_message_id', 'fold_noted_through'])
    .where('card_id', '=', stormCardId)
    .where('chat', '=', chat)
    .executeTakeFirst();

/** The update is under way: folds from now on ask for the next one. */
export const clearFoldFlush = async (db: Db, stormPlacementId: string): Promise<void> => {
  await db.updateTable('card_placements').set({ fold_flush_due_at: null }).where('id', '=', stormPlacementId).execute();
};

/** More folds are waiting to be listed: the next update is due in `delayMs` (unless one is already due). */
export const requestFoldFlush = async (db: Db, stormPlacementId: string, delayMs: number): Promise<Date | undefined> => {
  const row = await db
    .updateTable('card_placements')
    .set({ fold_flush_due_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000})` })
    .where('id', '=', stormPlacementId)
    .where('fold_flush_due_at', 'is', null)
    .returning('fold_flush_due_at')
    .executeTakeFirst();
  return row?.fold_flush_due_at ?? undefined;
};

/** One folded card as the storm card lists it: why it was handed off, who wrote what. */
export interface FoldedLine {
  placementId: string;
  cardId: string;
  reason: string;
  author: string;
  /** Null when the text was erased (retention, or at the author's request). */
  text: string | null;
}

// The reason a folded card is counted under: its handoff's rule (the card's headline reason), else its first.
const FOLDED_REASON = sql<string>`coalesce(
  (SELECT r->>'rule' FROM jsonb_array_elements(c.reasons) r WHERE r->>'kind' = 'handoff' LIMIT 1),
  c.reasons->0->>'rule', 'handoff')`;

const foldedLines = (db: Db, stormPlacementId: string) =>
  db
    .selectFrom('card_placements as p')
    .innerJoin('cards as c', 'c.id', 'p.card_id')
    .innerJoin('messages as m', 'm.id', 'c.message_id')
    .innerJoin('contacts as a', 'a.id', 'm.contact_id')
    .select([
      'p.id as placementId',
      'c.id as cardId',
      FOLDED_REASON.as('reason'),
      sql<string>`coalesce(a.name, a.username, a.external_id)`.as('author'),
      sql<string | null>`CASE WHEN m.erased_at IS NULL AND c.redacted_at IS NULL THEN m.text END`.as('text'),
    ])
    .where('p.folded_into', '=', stormPlacementId);

/** The folded cards not yet listed in the storm card's thread, oldest first. */
export const findUnnotedFolds = (db: Db, stormPlacementId: string, after: string | null, limit: number): Promise<FoldedLine[]> =>
  foldedLines(db, stormPlacementId)
    .$if(after !== null, (query) => query.where('p.id', '>', after!))
    .orderBy('p.id')
    .limit(limit)
    .execute();

export const markFoldsNoted = async (db: Db, stormPlacementId: string, throughPlacementId: string): Promise<void> => {
  await db.updateTable('card_placements').set({ fold_noted_through: throughPlacementId }).where('id', '=', stormPlacementId).execute();
};

/** Counts of what folded into a storm card in one chat; `waiting` are the ones Unfold would post. */
export interface StormCounts {
  total: number;
  waiting: number;
  byReason: { reason: string; count: number }[];
}

/** What the storm card shows in one chat: counts by reason and the latest few folded cards. */
export const loadStormFolds = async (
  db: Db,
  stormCardId: string,
  chat: ChatName,
  latest: number,
): Promise<(StormCounts & { latest: FoldedLine[] }) | undefined> => {
  const placement = await findStormPlacement(db, stormCardId, chat);
  if (!placement) return undefined;
  const counts = await db
    .selectFrom('card_placements as p')
    .innerJoin('cards as c', 'c.id', 'p.card_id')
    .select([
      FOLDED_REASON.as('reason'),
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) FILTER (WHERE p.unfolded_at IS NULL AND p.chat_message_id IS NULL AND c.state <> 'resolved')`.as('waiting'),
    ])
    .where('p.folded_into', '=', placement.id)
    .groupBy(sql`1`)
    .execute();
  if (counts.length === 0) return undefined;
  const newest = await foldedLines(db, placement.id).orderBy('p.id', 'desc').limit(latest).execute();
  return {
    total: counts.reduce((sum, row) => sum + Number(row.total), 0),
    waiting: counts.reduce((sum, row) => sum + Number(row.waiting), 0),
    byReason: counts
      .map((row) => ({ reason: row.reason, count: Number(row.total) }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    latest: newest,
  };
};

/**
 * Unfold, once: every placement still folded into this storm card (in any chat) whose card is not resolved
 * is marked to be posted on its own, by one conditional update — a second press finds none left.
 */
export const unfoldStormPlacements = (trx: Db, stormCardId: string): Promise<{ cardId: string; chat: ChatName }[]> =>
  trx
    .updateTable('card_placements as p')
    .set({ unfolded_at: sql`now()` })
    .from('card_placements as sp')
    .whereRef('p.folded_into', '=', 'sp.id')
    .where('sp.card_id', '=', stormCardId)
    .where('p.unfolded_at', 'is', null)
    .where('p.chat_message_id', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('cards as c').select('c.id').whereRef('c.id', '=', 'p.card_id').where('c.state', '<>', 'resolved')),
    )
    .returning(['p.card_id as cardId', 'p.chat as chat'])
    .execute();

/**
 * Runs `work` on one connection holding the storm card's update lock for this chat; undefined, without
 * running it, when another worker holds it.
 */
export const withStormFlushLock = <T>(
  db: Db,
  stormCardId: string,
  chat: ChatName,
  work: (conn: Db) => Promise<T>,
): Promise<T | undefined> => withSessionLock(db, `storm-flush:${stormCardId}:${chat}`, work);
