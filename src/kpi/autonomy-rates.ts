import { type LevelMove, moveOf } from '../domain/level-change.js';
import type { LevelChange } from '../store/autonomy-since.js';
import type { RuleRecord } from './autonomy-figures.js';

/** What a rule did in the period, in the four figures /kpi shows beside its level; a rate with nothing to divide is null. */
export interface RuleRates {
  /** Everything it produced: drafts people decided on, replies held at veto, automatic actions. */
  volume: number;
  /** Drafts approved unchanged, of those people decided on. */
  approval: number | null;
  /** Held replies someone stopped, of those held. */
  veto: number | null;
  /** Automatic actions undone, of those done. */
  undo: number | null;
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export const ruleRates = (record: RuleRecord): RuleRates => {
  const decided = record.approved + record.edited + record.rejected;
  return {
    volume: decided + record.vetoHeld + record.automatic,
    approval: rate(record.approved, decided),
    veto: rate(record.vetoStopped, record.vetoHeld),
    undo: rate(record.undone, record.automatic),
  };
};

/** Drafts that needed nobody's approval: held replies sent untouched at their deadline, and automatic actions not undone. */
export const untouchedCount = (records: readonly RuleRecord[]): number =>
  records.reduce((sum, record) => sum + record.vetoSent + (record.automatic - record.undone), 0);

const HOUR_MS = 3_600_000;

/**
 * The hours of human work the rules at veto and auto saved: each draft that needed no approval would
 * have waited the median approval time for a person. Null when nothing was approved to measure it by.
 */
export const hoursSaved = (records: readonly RuleRecord[], approvalMedianMs: number | null): number | null =>
  approvalMedianMs === null ? null : (untouchedCount(records) * approvalMedianMs) / HOUR_MS;

export interface LevelMoveLine extends LevelChange {
  move: LevelMove;
}

/** The period's promotions and demotions, oldest first (a change of overrides alone is neither). */
export const levelMoves = (changes: readonly LevelChange[]): LevelMoveLine[] =>
  changes.flatMap((change) => {
    const move = moveOf(change.was, change.now);
    return move ? [{ ...change, move }] : [];
  });
