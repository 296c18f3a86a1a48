import { sql } from 'kysely';
import type { Overlay } from './autonomy-schema.js';
import type { Db } from './db.js';

export type { Overlay } from './autonomy-schema.js';

type Level = Overlay['level'];

export const findOverlays = (db: Db): Promise<Overlay[]> => db.selectFrom('autonomy_overlays').selectAll().orderBy('rule').execute();

export const findOverlay = (db: Db, rule: string): Promise<Overlay | undefined> =>
  db.selectFrom('autonomy_overlays').selectAll().where('rule', '=', rule).executeTakeFirst();

/**
 * Serialises level changes of one rule (a Promote racing a demotion, two workers demoting): held until
 * the transaction ends, so each change reads the level the previous one left.
 */
export const lockRuleLevel = async (trx: Db, rule: string): Promise<void> => {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`autonomy-level:${rule}`}))`.execute(trx);
};

/** The rule's level from chat, replacing any earlier overlay of it. */
export const setOverlay = async (
  trx: Db,
  overlay: { rule: string; level: Level; fileLevel: Level; setBy: string; why: string; figures: string | null; since: Date },
): Promise<void> => {
  const row = {
    level: overlay.level,
    file_level: overlay.fileLevel,
    set_by: overlay.setBy,
    why: overlay.why,
    figures: overlay.figures,
    since: overlay.since,
  };
  await trx
    .insertInto('autonomy_overlays')
    .values({ rule: overlay.rule, ...row })
    .onConflict((conflict) => conflict.column('rule').doUpdateSet(row))
    .execute();
};

/** Removes overlays the playbook file has overtaken; returns the ones removed. */
export const removeOverlays = async (db: Db, rules: string[]): Promise<Overlay[]> =>
  rules.length === 0 ? [] : db.deleteFrom('autonomy_overlays').where('rule', 'in', rules).returningAll().execute();
