import { sql } from 'kysely';
import type { Level } from '../domain/level-change.js';
import { findLevelChanges, findLevelRecords, type LevelChange } from '../store/autonomy-since.js';
import type { Db } from '../store/db.js';
import type { Period } from './period.js';

/** One rule's record in the period: its drafts' fates at `draft`, its held replies at `veto`, its automatic actions at `auto`. */
export interface RuleRecord {
  rule: string;
  /** The rule's level now (`draft` when none was ever recorded). */
  level: Level;
  approved: number;
  edited: number;
  rejected: number;
  vetoHeld: number;
  vetoSent: number;
  vetoStopped: number;
  automatic: number;
  undone: number;
}

export interface AutonomyFigures {
  rules: RuleRecord[];
  /** Median time from a card's creation to a person approving its draft unchanged; null without approvals. */
  approvalMedianMs: number | null;
  /** Level changes recorded in the period, oldest first. */
  changes: LevelChange[];
}

type Counts = Omit<RuleRecord, 'level'>;

/** A rule with nothing recorded in the period (it is listed for its level alone). */
export const NO_COUNTS: Omit<Counts, 'rule'> = {
  approved: 0,
  edited: 0,
  rejected: 0,
  vetoHeld: 0,
  vetoSent: 0,
  vetoStopped: 0,
  automatic: 0,
  undone: 0,
};

/**
 * Per rule, in the period: drafts people decided on (a veto's card counts as a veto, not a draft; one
 * count per message, whatever the chats), held replies by how they ended, automatic actions and undos.
 */
const ruleCounts = async (db: Db, period: Period): Promise<Counts[]> => {
  const { rows } = await sql<Counts>`
    WITH drafts AS (
      SELECT d.rule,
             count(DISTINCT d.id) FILTER (WHERE c.draft_outcome = 'approved')::int AS approved,
             count(DISTINCT d.id) FILTER (WHERE c.draft_outcome = 'edited')::int AS edited,
             count(DISTINCT d.id) FILTER (WHERE c.draft_outcome = 'rejected')::int AS rejected
      FROM decisions d
      JOIN cards c ON c.message_id = d.message_id
      WHERE d.kind = 'draft' AND d.created_at >= ${period.from} AND d.created_at < ${period.to}
        AND NOT EXISTS (SELECT 1 FROM autonomy_vetoes v WHERE v.decision_id = d.id)
      GROUP BY d.rule
    ), held AS (
      SELECT rule, count(*)::int AS veto_held,
             count(*) FILTER (WHERE state = 'sent')::int AS veto_sent,
             count(*) FILTER (WHERE state = 'stopped')::int AS veto_stopped
      FROM autonomy_vetoes
      WHERE created_at >= ${period.from} AND created_at < ${period.to}
      GROUP BY rule
    ), automatic AS (
      SELECT rule, count(*)::int AS automatic, count(undone_at)::int AS undone
      FROM autonomy_undos
      WHERE created_at >= ${period.from} AND created_at < ${period.to}
      GROUP BY rule
    )
    SELECT rule,
           coalesce(drafts.approved, 0) AS approved, coalesce(drafts.edited, 0) AS edited, coalesce(drafts.rejected, 0) AS rejected,
           coalesce(held.veto_held, 0) AS "vetoHeld", coalesce(held.veto_sent, 0) AS "vetoSent",
           coalesce(held.veto_stopped, 0) AS "vetoStopped",
           coalesce(automatic.automatic, 0) AS automatic, coalesce(automatic.undone, 0) AS undone
    FROM drafts FULL JOIN held USING (rule) FULL JOIN automatic USING (rule)
    ORDER BY rule
  `.execute(db);
  return rows;
};

/** Cards whose draft a person approved unchanged in the period: the median wait from the card to the approval. */
const approvalMedian = async (db: Db, period: Period): Promise<number | null> => {
  const { rows } = await sql<{ median: number | null }>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY waited) AS median
    FROM (
      SELECT greatest(0, date_part('epoch', min(a.created_at) - c.created_at)) AS waited
      FROM cards c
      JOIN actions a ON a.card_id = c.id AND a.kind IN ('reply', 'send_dm') AND a.requested_by NOT LIKE 'rule:%'
      WHERE c.draft_outcome = 'approved' AND c.created_at >= ${period.from} AND c.created_at < ${period.to}
      GROUP BY c.id
    ) approvals
  `.execute(db);
  const median = rows[0]?.median;
  return median === null || median === undefined ? null : Number(median) * 1000;
};

/** Every rule with a record in the period or a level above `draft`, with its level now; the period's level changes. */
export const autonomyFigures = async (db: Db, period: Period): Promise<AutonomyFigures> => {
  const [counts, levels, approvalMedianMs, changes] = await Promise.all([
    ruleCounts(db, period),
    findLevelRecords(db),
    approvalMedian(db, period),
    findLevelChanges(db, period.from, period.to),
  ]);
  const byRule = new Map(counts.map((row) => [row.rule, row]));
  const acting = [...levels].filter(([, record]) => record.level !== 'draft').map(([rule]) => rule);
  const rules = [...new Set([...byRule.keys(), ...acting])].sort().map(
    (rule): RuleRecord => ({
      ...(byRule.get(rule) ?? { rule, ...NO_COUNTS }),
      level: levels.get(rule)?.level ?? 'draft',
    }),
  );
  return { rules, approvalMedianMs, changes };
};
