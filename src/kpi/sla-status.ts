import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { elapsedShare } from './business-time.js';
import type { KpiContext } from './kpi-context.js';

export interface SlaCounts {
  /** Open, needing a response, not answered yet. */
  awaiting: number;
  atRisk: number;
  breached: number;
}

export interface OldestAwaiting {
  id: string;
  platform: string;
  kind: string;
  assignee: string | null;
  since: Date;
  deadline: Date | null;
}

export interface SlaStatus {
  at: Date;
  byState: { state: string; count: number }[];
  total: SlaCounts;
  byPlatform: ({ platform: string } & SlaCounts)[];
  byPerson: ({ assignee: string | null } & SlaCounts)[];
  oldest: OldestAwaiting | undefined;
}

// Must match the predicate of the partial index conversations_awaiting_reply (migration 0002).
const AWAITING = sql`state IN ('open', 'waiting') AND needs_response AND first_response_at IS NULL`;

interface GroupRow {
  by_platform: boolean;
  platform: string | null;
  assignee: string | null;
  awaiting: number;
  breached: number;
}

const openByState = (db: Db) =>
  sql<{ state: string; count: number }>`
    SELECT state, count(*)::int AS count FROM conversations
    WHERE state IN ('open', 'waiting') GROUP BY state ORDER BY state
  `.execute(db);

const awaitingGroups = (db: Db, now: Date) =>
  sql<GroupRow>`
    SELECT grouping(platform) = 0 AS by_platform, platform, assignee, count(*)::int AS awaiting,
           count(*) FILTER (WHERE sla_deadline_at <= ${now})::int AS breached
    FROM conversations WHERE ${AWAITING}
    GROUP BY GROUPING SETS ((platform), (assignee))
  `.execute(db);

/** Only conversations whose deadline is still ahead can be "at risk"; there are few of them. */
const stillInTime = (db: Db, now: Date) =>
  sql<{ platform: string; assignee: string | null; first_inbound_at: Date; sla_deadline_at: Date }>`
    SELECT platform, assignee, first_inbound_at, sla_deadline_at
    FROM conversations WHERE ${AWAITING} AND sla_deadline_at > ${now}
  `.execute(db);

const oldestAwaiting = (db: Db) =>
  sql<{ id: string; platform: string; kind: string; assignee: string | null; first_inbound_at: Date; sla_deadline_at: Date | null }>`
    SELECT id, platform, kind, assignee, first_inbound_at, sla_deadline_at
    FROM conversations WHERE ${AWAITING} ORDER BY first_inbound_at, id LIMIT 1
  `.execute(db);

const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

const byUrgency = (a: SlaCounts, b: SlaCounts) => b.breached - a.breached || b.atRisk - a.atRisk || b.awaiting - a.awaiting;

/** What /sla shows: open conversations, the ones about to breach or breached, per platform and per person. */
export const slaStatus = async (ctx: KpiContext): Promise<SlaStatus> => {
  const at = ctx.now();
  const [states, groups, inTime, oldest] = await Promise.all([
    openByState(ctx.db),
    awaitingGroups(ctx.db, at),
    stillInTime(ctx.db, at),
    oldestAwaiting(ctx.db),
  ]);

  const riskByPlatform = new Map<string, number>();
  const riskByPerson = new Map<string | null, number>();
  for (const row of inTime.rows) {
    // The SLA clock starts at the first message: nothing in the conversation has been answered yet.
    if (elapsedShare(row.first_inbound_at, row.sla_deadline_at, at, ctx.settings.calendar) < ctx.settings.slaWarningShare) continue;
    bump(riskByPlatform, row.platform);
    bump(riskByPerson, row.assignee);
  }

  const platformRows = groups.rows.filter((row) => row.by_platform);
  const byPlatform = platformRows
    .map((row) => ({
      platform: row.platform ?? 'unknown',
      awaiting: row.awaiting,
      breached: row.breached,
      atRisk: riskByPlatform.get(row.platform ?? '') ?? 0,
    }))
    .sort((a, b) => byUrgency(a, b) || a.platform.localeCompare(b.platform));
  const byPerson = groups.rows
    .filter((row) => !row.by_platform)
    .map((row) => ({ assignee: row.assignee, awaiting: row.awaiting, breached: row.breached, atRisk: riskByPerson.get(row.assignee) ?? 0 }))
    .sort((a, b) => byUrgency(a, b) || (a.assignee ?? '').localeCompare(b.assignee ?? ''));
  const total = byPlatform.reduce(
    (sum, row) => ({ awaiting: sum.awaiting + row.awaiting, atRisk: sum.atRisk + row.atRisk, breached: sum.breached + row.breached }),
    { awaiting: 0, atRisk: 0, breached: 0 },
  );
  const first = oldest.rows[0];
  return {
    at,
    byState: states.rows,
    total,
    byPlatform,
    byPerson,
    oldest: first && {
      id: first.id,
      platform: first.platform,
      kind: first.kind,
      assignee: first.assignee,
      since: first.first_inbound_at,
      deadline: first.sla_deadline_at,
    },
  };
};
