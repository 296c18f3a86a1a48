import type { QuotaLedger } from '../domain/polling-source.js';
import type { Db } from '../store/db.js';
import { recordQuotaSpend } from '../store/polling-cursors.js';

/** The ledger in Postgres, on the polled source's row: every worker's planner reads the same count. */
export const createQuotaLedger = (db: Db, now: () => Date): QuotaLedger => ({
  spend: (source, units, quotaResetsAt) => recordQuotaSpend(db, { source, units, quotaResetsAt, now: now() }),
});
