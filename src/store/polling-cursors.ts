import { type ExpressionBuilder, sql, type UpdateObject } from 'kysely';
import type { PollingState } from '../domain/polling-source.js';
import type { Db } from './db.js';
import type { Database, PollingCursor } from './schema.js';

/*
 * Times come from the caller's clock, as everywhere else, so tests can drive them; a lease lasts
 * minutes, far longer than the skew between two workers' clocks.
 */

const toState = (row: PollingCursor): PollingState => ({
  source: row.source,
  cursor: row.cursor,
  unitsUsed: row.units_used,
  quotaResetsAt: row.quota_resets_at,
  nextPollAt: row.next_poll_at,
  failures: row.failures,
});

const isFree = (now: Date) => (eb: ExpressionBuilder<Database, 'polling_cursors'>) =>
  eb.and([
    eb.or([eb('polling_cursors.leased_until', 'is', null), eb('polling_cursors.leased_until', '<=', now)]),
    eb.or([eb('polling_cursors.next_poll_at', 'is', null), eb('polling_cursors.next_poll_at', '<=', now)]),
  ]);

/**
 * Takes the source for one poll if it is due and nobody holds it; undefined otherwise. One statement
 * (insert or conditional update), so two workers asking at once cannot both get it.
 */
export const takePollingLease = async (
  db: Db,
  lease: { source: string; holder: string; now: Date; leaseMs: number },
): Promise<PollingState | undefined> => {
  const leasedUntil = new Date(lease.now.getTime() + lease.leaseMs);
  const row = await db
    .insertInto('polling_cursors')
    .values({ source: lease.source, leased_until: leasedUntil, lease_holder: lease.holder, updated_at: lease.now })
    .onConflict((conflict) =>
      conflict
        .column('source')
        .doUpdateSet({ leased_until: leasedUntil, lease_holder: lease.holder, updated_at: lease.now })
        .where(isFree(lease.now)),
    )
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toState(row);
};

export const findPollingState = async (db: Db, source: string): Promise<PollingState | undefined> => {
  const row = await db.selectFrom('polling_cursors').selectAll().where('source', '=', source).executeTakeFirst();
  return row === undefined ? undefined : toState(row);
};

interface Release {
  source: string;
  holder: string;
  now: Date;
  nextPollAt: Date;
}

/** Ends this holder's lease with the changes its poll calls for; false when the lease was lost meanwhile. */
const releaseLease = async (db: Db, release: Release, changes: UpdateObject<Database, 'polling_cursors'>): Promise<boolean> => {
  const result = await db
    .updateTable('polling_cursors')
    .set({ ...changes, next_poll_at: release.nextPollAt, leased_until: null, lease_holder: null, updated_at: release.now })
    .where('source', '=', release.source)
    .where('lease_holder', '=', release.holder)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
};

/**
 * After the polled items are stored: saves the cursor and adds what the poll cost, in one statement so
 * the two are saved together or not at all, and releases the lease. Units count per quota window,
 * named by its reset: a poll in a new window starts the count again.
 */
export const advancePollingCursor = async (
  db: Db,
  poll: Release & { cursor: string | null; unitsUsed: number; quotaResetsAt: Date | null; lastError?: string },
): Promise<boolean> => {
  const sameWindow = sql<boolean>`quota_resets_at IS NOT DISTINCT FROM ${poll.quotaResetsAt}`;
  return releaseLease(db, poll, {
    cursor: poll.cursor,
    units_used: sql<number>`CASE WHEN ${sameWindow} THEN units_used + ${poll.unitsUsed} ELSE ${poll.unitsUsed} END`,
    quota_resets_at: poll.quotaResetsAt,
    failures: 0,
    last_error: poll.lastError ?? null,
    last_polled_at: poll.now,
  });
};

/** A failed poll: the cursor stays where it was; the next try waits until `nextPollAt` (the backoff). */
export const recordPollFailure = async (db: Db, failure: Release & { error: string }): Promise<boolean> =>
  releaseLease(db, failure, { failures: sql<number>`failures + 1`, last_error: failure.error });

/** Out of quota: nothing is polled until `nextPollAt`, by any worker; not counted as a failure. */
export const pausePolling = async (db: Db, pause: Release & { reason: string }): Promise<boolean> =>
  releaseLease(db, pause, { last_error: pause.reason });

/**
 * Units spent outside a poll (a reply, a moderation call) on the source's quota, added in one
 * statement so workers acting at once all count; units of an earlier window no longer count.
 */
export const recordQuotaSpend = async (db: Db, spend: { source: string; units: number; quotaResetsAt: Date; now: Date }): Promise<void> => {
  await db
    .insertInto('polling_cursors')
    .values({ source: spend.source, units_used: spend.units, quota_resets_at: spend.quotaResetsAt, updated_at: spend.now })
    .onConflict((conflict) =>
      conflict.column('source').doUpdateSet({
        units_used: sql<number>`CASE WHEN polling_cursors.quota_resets_at IS NOT DISTINCT FROM excluded.quota_resets_at
          THEN polling_cursors.units_used + excluded.units_used ELSE excluded.units_used END`,
        quota_resets_at: sql<Date>`excluded.quota_resets_at`,
        updated_at: spend.now,
      }),
    )
    .execute();
};

/** What a polled source has spent in the quota window `now` falls in, and when it polls next: for doctor, /kpi and /metrics. */
export interface QuotaUsage {
  source: string;
  /** Whether the source counts against a daily quota at all (a poller without one never names a reset). */
  hasQuota: boolean;
  unitsUsed: number;
  quotaResetsAt: Date | null;
  nextPollAt: Date | null;
  lastPolledAt: Date | null;
  lastError: string | null;
}

export const findQuotaUsage = async (db: Db, now: Date): Promise<QuotaUsage[]> => {
  const rows = await db.selectFrom('polling_cursors').selectAll().orderBy('source').execute();
  return rows.map((row) => {
    const current = row.quota_resets_at !== null && row.quota_resets_at.getTime() > now.getTime();
    return {
      source: row.source,
      hasQuota: row.quota_resets_at !== null,
      unitsUsed: current ? row.units_used : 0,
      quotaResetsAt: current ? row.quota_resets_at : null,
      nextPollAt: row.next_poll_at,
      lastPolledAt: row.last_polled_at,
      lastError: row.last_error,
    };
  });
};
