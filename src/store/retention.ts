import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * JSON keys that say what happened without saying who wrote what (ids, versions, rule and template
 * names): erase_json_text (migration 0008) keeps them and erases every other string and number.
 */
const KEEP_KEYS = [
  'accountId',
  'actionId',
  'alsoRules',
  'decisionId',
  'downgradedFrom',
  'erased',
  'externalId',
  'funnel',
  'kind',
  'language',
  'llm',
  'phrasing',
  'priority',
  'replyRule',
  'rule',
  'scope',
  'source',
  'tag',
  'target',
  'verified',
  'version',
];

export const ERASED_TEXT = '[erased]';

const erasedJson = (column: string) => sql<string>`erase_json_text(${sql.ref(column)}, ${KEEP_KEYS}::text[])`;

/** What one erasure touched, table by table (rows are kept: only their text goes). */
export interface ErasedCounts {
  messages: number;
  decisions: number;
  cards: number;
  actions: number;
  escalations: number;
  auditEntries: number;
}

export interface ErasedMessages {
  counts: ErasedCounts;
  /** The cards of those messages, at their new version when they were redacted. */
  cards: { id: string; version: number }[];
}

// An action still on its way keeps its payload: erasing it would send "[erased]" to the platform.
const UNFINISHED_ACTION = ['pending', 'in_flight'] as const;

/**
 * Erases the text of these messages and everything that quotes it: decisions' matched words and
 * detail, cards' drafts and reasons, actions' payloads, escalation reasons and their audit lines.
 * `redact` marks their cards "removed at the author's request" and bumps the version, so the card
 * in the chat is updated. Idempotent; run it inside a transaction.
 */
export const eraseMessages = async (trx: Db, messageIds: string[], redact: boolean): Promise<ErasedMessages> => {
  if (messageIds.length === 0) return { counts: emptyCounts(), cards: [] };
  const messages = await trx
    .updateTable('messages')
    .set({ text: '', erased_at: sql`coalesce(erased_at, now())` })
    .where('id', 'in', messageIds)
    .returning('id')
    .execute();
  const decisions = await trx
    .updateTable('decisions')
    .set({ matched: [], detail: erasedJson('detail') })
    .where('message_id', 'in', messageIds)
    .returning('id')
    .execute();
  const cards = await eraseCards(trx, messageIds, redact);
  const cardIds = cards.map((card) => card.id);
  const actions = await eraseActions(trx, messageIds, cardIds);
  const escalations =
    cardIds.length === 0
      ? []
      : await trx.updateTable('escalations').set({ reason: ERASED_TEXT }).where('card_id', 'in', cardIds).returning('id').execute();
  const subjects = { message: messageIds, card: cardIds, action: actions.map((action) => action.id) };
  const auditEntries = await eraseAuditDetail(trx, subjects);
  return {
    counts: {
      messages: messages.length,
      decisions: decisions.length,
      cards: cards.length,
      actions: actions.length,
      escalations: escalations.length,
      auditEntries,
    },
    cards,
  };
};

export const emptyCounts = (): ErasedCounts => ({ messages: 0, decisions: 0, cards: 0, actions: 0, escalations: 0, auditEntries: 0 });

const eraseCards = (trx: Db, messageIds: string[], redact: boolean) =>
  trx
    .updateTable('cards')
    // An empty draft still counts as a draft shown (the KPI counts `draft IS NOT NULL`).
    .set({
      draft: sql`CASE WHEN draft IS NULL THEN NULL ELSE '' END`,
      draft_note: null,
      reasons: erasedJson('reasons'),
      ...(redact ? { redacted_at: sql`coalesce(redacted_at, now())`, version: sql`version + 1`, updated_at: sql`now()` } : {}),
    })
    .where('message_id', 'in', messageIds)
    .returning(['id', 'version'])
    .execute();

const eraseActions = (trx: Db, messageIds: string[], cardIds: string[]) =>
  trx
    .updateTable('actions')
    .set({
      payload: erasedJson('payload'),
      result: sql`CASE WHEN result IS NULL THEN NULL ELSE ${erasedJson('result')} END`,
      error: sql`CASE WHEN error IS NULL THEN NULL ELSE ${ERASED_TEXT} END`,
    })
    .where((eb) => eb.or([eb('message_id', 'in', messageIds), ...(cardIds.length > 0 ? [eb('card_id', 'in', cardIds)] : [])]))
    .where('status', 'not in', UNFINISHED_ACTION)
    .returning('id')
    .execute();

/** Audit lines keep who did what and when; their detail loses any text. */
export const eraseAuditDetail = async (trx: Db, subjects: Record<string, string[]>): Promise<number> => {
  const groups = Object.entries(subjects).filter(([, ids]) => ids.length > 0);
  if (groups.length === 0) return 0;
  const rows = await trx
    .updateTable('audit_log')
    .set({ detail: erasedJson('detail') })
    .where((eb) => eb.or(groups.map(([type, ids]) => eb.and([eb('subject_type', '=', type), eb('subject_id', 'in', ids)]))))
    // The erasure's own audit line is the record that it happened: it carries counts, never text.
    .where('action', '!=', 'erased')
    .returning('id')
    .execute();
  return rows.length;
};

/** Up to `limit` messages older than `before` whose text is still there, oldest first. */
export const pickMessagesToErase = async (trx: Db, before: Date, limit: number): Promise<string[]> => {
  const rows = await trx
    .selectFrom('messages')
    .select('id')
    .where('erased_at', 'is', null)
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((row) => row.id);
};

/** Raw payloads of events handled before `before` (never one still waiting to be processed). */
export const eraseOldPayloads = async (db: Db, before: Date, limit: number): Promise<number> => {
  const result = await db
    .updateTable('inbound_events')
    .set({ payload: JSON.stringify({ erased: 'retention' }), last_error: null, erased_at: sql`now()` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('inbound_events')
        .select('id')
        .where('erased_at', 'is', null)
        .where('received_at', '<', before)
        .where((inner) => inner.or([inner('processed_at', 'is not', null), inner('failed_at', 'is not', null)]))
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};

/** Names of people not seen since `before`. */
export const eraseOldNames = async (db: Db, before: Date, limit: number): Promise<number> => {
  const result = await db
    .updateTable('contacts')
    .set({ name: null, username: null })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('contacts')
        .select('id')
        .where('last_seen_at', '<', before)
        .where((inner) => inner.or([inner('name', 'is not', null), inner('username', 'is not', null)]))
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};

/** What a funnel captured (an email, a number) in conversations quiet since `before`. */
export const eraseOldFunnelState = async (db: Db, before: Date, limit: number): Promise<number> => {
  const result = await db
    .updateTable('conversations')
    .set({ funnel_state: null })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('conversations')
        .select('id')
        .where('first_inbound_at', '<', before)
        .where('last_inbound_at', '<', before)
        .where('funnel_state', 'is not', null)
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};
