import type { Db } from './db.js';

export interface AuditEntry {
  /** 'rule:<id>', 'slack:<user id>', 'discord:<user id>' or 'system'. */
  actor: string;
  action: string;
  subjectType: 'message' | 'conversation' | 'card' | 'action' | 'contact' | 'command' | 'rule';
  subjectId: string;
  detail?: Record<string, unknown>;
}

export const writeAudit = async (db: Db, entries: AuditEntry[]): Promise<void> => {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((entry) => ({
        actor: entry.actor,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId,
        detail: JSON.stringify(entry.detail ?? {}),
      })),
    )
    .execute();
};
