import type { Db } from './db.js';

/**
 * When each rule's current autonomy began: the newest level change recorded for it (`autonomy:level`
 * in the audit log, written at start-up when the playbook file changes a rule's levels). The one
 * place that answers "since when", so levels set from chat (overlays) can be read here too.
 * A rule with no recorded change is missing from the map.
 */
export const findLevelsSince = async (db: Db, rules: readonly string[]): Promise<Map<string, Date>> => {
  if (rules.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_log')
    .select(['subject_id', 'at'])
    .distinctOn('subject_id')
    .where('action', '=', 'autonomy:level')
    .where('subject_type', '=', 'rule')
    .where('subject_id', 'in', [...rules])
    .orderBy('subject_id')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.subject_id, row.at]));
};
