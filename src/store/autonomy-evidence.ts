import { sql } from 'kysely';
import type { Db } from './db.js';

/** One rule's record since a moment: its drafts' fates, and what happened at the higher levels. */
export interface RuleEvidence {
  rule: string;
  drafts: number;
  /** Drafts a person already decided on (approved, edited or rejected): what the graduation bar counts. */
  decided: number;
  approved: number;
  edited: number;
  rejected: number;
  vetoHeld: number;
  vetoed: number;
  vetoSent: number;
  automatic: number;
  undone: number;
}

/** Which record: one rule's or every rule's, and up to a moment or until now. */
export interface EvidenceScope {
  rule?: string | undefined;
  until?: Date | undefined;
}

const EMPTY = { drafts: 0, decided: 0, approved: 0, edited: 0, rejected: 0, vetoHeld: 0, vetoed: 0, vetoSent: 0, automatic: 0, undone: 0 };

const count = (filter: ReturnType<typeof sql<boolean>>) => sql<string>`count(*) filter (where ${filter})`;

// A message shown in several chats has a card in each: its draft counts once.
const distinctCount = (filter: ReturnType<typeof sql<boolean>>) => sql<string>`count(distinct decisions.id) filter (where ${filter})`;

/** Drafts a person decided on (a veto's card is counted as a veto, not as a draft), by rule. */
const draftFates = (db: Db, since: Date, { rule, until }: EvidenceScope) =>
  db
    .selectFrom('decisions')
    .innerJoin('cards', 'cards.message_id', 'decisions.message_id')
    .leftJoin('autonomy_vetoes', 'autonomy_vetoes.decision_id', 'decisions.id')
    .select([
      'decisions.rule',
      sql<string>`count(distinct decisions.id)`.as('drafts'),
      distinctCount(sql`cards.draft_outcome is not null`).as('decided'),
      distinctCount(sql`cards.draft_outcome = 'approved'`).as('approved'),
      distinctCount(sql`cards.draft_outcome = 'edited'`).as('edited'),
      distinctCount(sql`cards.draft_outcome = 'rejected'`).as('rejected'),
    ])
    .where('decisions.kind', '=', 'draft')
    .where('decisions.created_at', '>=', since)
    .$if(until !== undefined, (query) => query.where('decisions.created_at', '<', until ?? since))
    .where('autonomy_vetoes.id', 'is', null)
    .$if(rule !== undefined, (query) => query.where('decisions.rule', '=', rule ?? ''))
    .groupBy('decisions.rule')
    .execute();

const vetoFates = (db: Db, since: Date, { rule, until }: EvidenceScope) =>
  db
    .selectFrom('autonomy_vetoes')
    .select(['rule', sql<string>`count(*)`.as('held'), count(sql`state = 'stopped'`).as('stopped'), count(sql`state = 'sent'`).as('sent')])
    .where('created_at', '>=', since)
    .$if(until !== undefined, (query) => query.where('created_at', '<', until ?? since))
    .$if(rule !== undefined, (query) => query.where('rule', '=', rule ?? ''))
    .groupBy('rule')
    .execute();

const undoFates = (db: Db, since: Date, { rule, until }: EvidenceScope) =>
  db
    .selectFrom('autonomy_undos')
    .select(['rule', sql<string>`count(*)`.as('automatic'), count(sql`undone_at is not null`).as('undone')])
    .where('created_at', '>=', since)
    .$if(until !== undefined, (query) => query.where('created_at', '<', until ?? since))
    .$if(rule !== undefined, (query) => query.where('rule', '=', rule ?? ''))
    .groupBy('rule')
    .execute();

/** Every rule with any record since `since` (only `rule`'s, when named; up to `until`, when given), by rule id. */
export const findRuleEvidence = async (db: Db, since: Date, scope: EvidenceScope = {}): Promise<Map<string, RuleEvidence>> => {
  const evidence = new Map<string, RuleEvidence>();
  const entry = (rule: string): RuleEvidence => {
    const found = evidence.get(rule) ?? { rule, ...EMPTY };
    evidence.set(rule, found);
    return found;
  };
  for (const row of await draftFates(db, since, scope)) {
    Object.assign(entry(row.rule), {
      drafts: Number(row.drafts),
      decided: Number(row.decided),
      approved: Number(row.approved),
      edited: Number(row.edited),
      rejected: Number(row.rejected),
    });
  }
  for (const row of await vetoFates(db, since, scope)) {
    Object.assign(entry(row.rule), { vetoHeld: Number(row.held), vetoed: Number(row.stopped), vetoSent: Number(row.sent) });
  }
  for (const row of await undoFates(db, since, scope)) {
    Object.assign(entry(row.rule), { automatic: Number(row.automatic), undone: Number(row.undone) });
  }
  return evidence;
};

/**
 * The rule's latest outcomes at a level above draft, newest first, since `since`: at veto, each held
 * reply sent (false) or stopped (true); at auto, each automatic action kept (false) or undone (true).
 */
export const findRecentOutcomes = async (db: Db, rule: string, level: 'veto' | 'auto', since: Date, limit: number): Promise<boolean[]> => {
  if (level === 'veto') {
    const rows = await db
      .selectFrom('autonomy_vetoes')
      .select('state')
      .where('rule', '=', rule)
      .where('created_at', '>=', since)
      .where('state', 'in', ['sent', 'stopped'])
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.state === 'stopped');
  }
  const rows = await db
    .selectFrom('autonomy_undos')
    .select('undone_at')
    .where('rule', '=', rule)
    .where('created_at', '>=', since)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.undone_at !== null);
};

/** The rules behind a card's message (a press on it may change their figures). */
export const findCardRules = async (db: Db, cardId: string): Promise<string[]> => {
  const rows = await db
    .selectFrom('decisions')
    .innerJoin('cards', 'cards.message_id', 'decisions.message_id')
    .select('decisions.rule')
    .distinct()
    .where('cards.id', '=', cardId)
    .execute();
  return rows.map((row) => row.rule);
};
