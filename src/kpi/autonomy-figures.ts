import { sql } from 'kysely';
import type { Level } from '../domain/level-change.js';
import { findLevelChanges, findLevelRecords, type LevelChange } from '../store/autonomy-since.js';
import { findRuleEvidence } from '../store/autonomy-evidence.js';
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
 * count per message, whatever the chats), held replies by how they ended, automatic actions and undos —
 * the same record graduation reads, bounded at the period's end.
 */
const ruleCounts = async (db: Db, period: Period): Promise<Counts[]> =>
  [...(await findRuleEvidence(db, period.from, { until: period.to })).values()].map((evidence) => ({
    rule: evidence.rule,
    approved: evidence.approved,
    edited: evidence.edited,
    rejected: evidence.rejected,
    vetoHeld: evidence.vetoHeld,
    vetoSent: evidence.vetoSent,
    vetoStopped: evidence.vetoed,
    automatic: evidence.automatic,
    undone: evidence.undone,
  }));

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
