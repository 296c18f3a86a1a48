import { type Level, levelIn } from '../domain/level-change.js';
import type { Db } from './db.js';

/**
 * Every audit line that changes a rule's level: the playbook file's (`autonomy:level`, at start-up),
 * and the chat's (a promotion, a demotion, an overlay the file overtook). `now` holds the level after it.
 */
export const LEVEL_CHANGE_ACTIONS = ['autonomy:level', 'autonomy:promote', 'autonomy:demote', 'autonomy:overlay_removed'] as const;

/** A rule's level now, and since when. */
export interface LevelRecord {
  level: Level;
  since: Date;
}

/**
 * Each rule's current level and when it began: the newest level change recorded for it. The one place
 * that answers "since when" (cards, /kpi), so however a level is changed, its line here counts.
 * A rule with no recorded change (a rule that always drafted) is missing from the map.
 */
export const findLevelRecords = async (db: Db, rules?: readonly string[]): Promise<Map<string, LevelRecord>> => {
  if (rules?.length === 0) return new Map();
  let query = db
    .selectFrom('audit_log')
    .select(['subject_id', 'at', 'detail'])
    .distinctOn('subject_id')
    .where('action', 'in', [...LEVEL_CHANGE_ACTIONS])
    .where('subject_type', '=', 'rule');
  if (rules) query = query.where('subject_id', 'in', [...rules]);
  const rows = await query.orderBy('subject_id').orderBy('id', 'desc').execute();
  return new Map(
    rows.flatMap((row) => {
      const level = levelIn((row.detail as { now?: unknown }).now);
      return level ? [[row.subject_id, { level, since: row.at }] as const] : [];
    }),
  );
};

/** One recorded change of a rule's level. */
export interface LevelChange {
  rule: string;
  actor: string;
  at: Date;
  was: Level;
  now: Level;
  why: string | undefined;
}

/** The level changes recorded in [from, to), oldest first (lines whose levels cannot be read are left out). */
export const findLevelChanges = async (db: Db, from: Date, to: Date): Promise<LevelChange[]> => {
  const rows = await db
    .selectFrom('audit_log')
    .select(['subject_id', 'actor', 'at', 'detail'])
    .where('action', 'in', [...LEVEL_CHANGE_ACTIONS])
    .where('subject_type', '=', 'rule')
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => {
    const detail = row.detail as { was?: unknown; now?: unknown; why?: unknown };
    const was = levelIn(detail.was);
    const now = levelIn(detail.now);
    if (!was || !now) return [];
    return [{ rule: row.subject_id, actor: row.actor, at: row.at, was, now, why: typeof detail.why === 'string' ? detail.why : undefined }];
  });
};
