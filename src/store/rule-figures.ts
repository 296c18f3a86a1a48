import { sql } from 'kysely';
import type { RuleFigures } from '../domain/card.js';
import type { Db } from './db.js';

export interface ActingRule {
  rule: string;
  level: 'veto' | 'auto';
}

const EPOCH = new Date(0);

/** A veto rule's held replies since `since` (all of them without it), by how they ended. */
const vetoFigures = async (db: Db, rule: string, since: Date | undefined) => {
  const row = await db
    .selectFrom('autonomy_vetoes')
    .select([
      sql<string>`count(*)`.as('held'),
      sql<string>`count(*) filter (where state = 'sent')`.as('sent'),
      sql<string>`count(*) filter (where state = 'stopped')`.as('stopped'),
    ])
    .where('rule', '=', rule)
    .where('created_at', '>=', since ?? EPOCH)
    .executeTakeFirstOrThrow();
  return { held: Number(row.held), sent: Number(row.sent), stopped: Number(row.stopped) };
};

/** An automatic rule's replies and hides since `since`, and how many were undone. */
const automaticFigures = async (db: Db, rule: string, since: Date | undefined) => {
  const row = await db
    .selectFrom('autonomy_undos')
    .innerJoin('actions', 'actions.id', 'autonomy_undos.action_id')
    .select([
      sql<string>`count(*) filter (where actions.kind in ('reply', 'send_dm'))`.as('sent'),
      sql<string>`count(*) filter (where actions.kind = 'hide')`.as('hidden'),
      sql<string>`count(*) filter (where autonomy_undos.undone_at is not null)`.as('undone'),
    ])
    .where('autonomy_undos.rule', '=', rule)
    .where('autonomy_undos.created_at', '>=', since ?? EPOCH)
    .executeTakeFirstOrThrow();
  return { sent: Number(row.sent), hidden: Number(row.hidden), undone: Number(row.undone) };
};

/** What the rule has done at its level since `since` (when its level began). */
export const findRuleFigures = async (db: Db, acting: ActingRule, since: Date | undefined): Promise<RuleFigures> => {
  const base = { rule: acting.rule, ...(since ? { since } : {}) };
  return acting.level === 'veto'
    ? { level: 'veto', ...base, ...(await vetoFigures(db, acting.rule, since)) }
    : { level: 'auto', ...base, ...(await automaticFigures(db, acting.rule, since)) };
};
