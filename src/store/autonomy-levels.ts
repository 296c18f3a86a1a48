import type { Db } from './db.js';

/** The autonomy each rule had when it was last recorded (the newest `autonomy:level` audit line per rule). */
export const findRecordedLevels = async (db: Db): Promise<Map<string, unknown>> => {
  const rows = await db
    .selectFrom('audit_log')
    .select(['subject_id', 'detail'])
    .distinctOn('subject_id')
    .where('action', '=', 'autonomy:level')
    .where('subject_type', '=', 'rule')
    .orderBy('subject_id')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.subject_id, (row.detail as { now?: unknown }).now]));
};
