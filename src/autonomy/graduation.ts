import type { GraduationBar } from './graduation-bar.js';
import type { AutonomyLevel } from './levels.js';

/** A rule's record over its evidence period, at its level now (the counts `switchboard autonomy` shows). */
export interface GraduationEvidence {
  level: AutonomyLevel;
  /** "in 30 days", or "since 12 Nov" when the rule's level changed within the window: the figures' period, in words. */
  period: string;
  /** Drafts a person decided on (approved unchanged, edited or rejected); those still waiting do not count yet. */
  drafts: number;
  approved: number;
  /** Replies held at veto that were sent at their deadline, and those stopped. */
  vetoSent: number;
  vetoed: number;
  automatic: number;
  undone: number;
  /** The rule's latest outcomes at its level, newest first: true for a bad one (stopped, undone). */
  recent: readonly boolean[];
}

export type GraduationVerdict =
  | { verdict: 'promote'; from: AutonomyLevel; to: AutonomyLevel; figures: string }
  | { verdict: 'demote'; from: AutonomyLevel; to: 'draft'; figures: string }
  | { verdict: 'hold' };

const HOLD: GraduationVerdict = { verdict: 'hold' };

/** The figures' period in words: "in 30 days", or "since 6 Oct" when the rule's level changed within the window. */
export const describePeriod = (windowMs: number, levelSince: Date | undefined): string =>
  levelSince === undefined
    ? `in ${Math.round(windowMs / 86_400_000)} days`
    : `since ${levelSince.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })}`;

const percent = (part: number, whole: number): string => `${Math.floor((100 * part) / whole)} %`;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Bad outcomes among the last `ofLast`, when they reach the bar. */
const badRun = (recent: readonly boolean[], bar: GraduationBar): { bad: number; of: number } | undefined => {
  const last = recent.slice(0, bar.demoteAfter.ofLast);
  const bad = last.filter(Boolean).length;
  return bad >= bar.demoteAfter.bad ? { bad, of: last.length } : undefined;
};

const demotion = (evidence: GraduationEvidence, bar: GraduationBar): GraduationVerdict => {
  const run = badRun(evidence.recent, bar);
  if (!run) return HOLD;
  const what =
    evidence.level === 'veto'
      ? `${run.bad} of its last ${plural(run.of, 'held reply', 'held replies')} were stopped (${evidence.vetoed} stopped, ${evidence.vetoSent} sent ${evidence.period})`
      : `${run.bad} of its last ${plural(run.of, 'automatic action')} were undone (${evidence.undone} undone of ${evidence.automatic} ${evidence.period})`;
  return { verdict: 'demote', from: evidence.level, to: 'draft', figures: what };
};

/** At draft, the drafts approved unchanged; at veto, the held replies nobody stopped. */
const promotion = (evidence: GraduationEvidence, bar: GraduationBar): GraduationVerdict => {
  if (!bar.suggests) return HOLD;
  if (evidence.level === 'draft') {
    const { drafts, approved } = evidence;
    if (drafts < bar.minDrafts || approved < bar.minUnchanged * drafts) return HOLD;
    const figures = `${plural(drafts, 'draft')} ${evidence.period}, ${approved} approved unchanged (${percent(approved, drafts)})`;
    return { verdict: 'promote', from: 'draft', to: 'veto', figures };
  }
  if (evidence.level === 'veto') {
    const held = evidence.vetoSent + evidence.vetoed;
    if (held < bar.minDrafts || evidence.vetoSent < bar.minUnchanged * held) return HOLD;
    const figures = `${plural(held, 'reply', 'replies')} held at veto ${evidence.period}, ${evidence.vetoSent} sent without Stop (${percent(evidence.vetoSent, held)})`;
    return { verdict: 'promote', from: 'veto', to: 'auto', figures };
  }
  return HOLD;
};

/**
 * Whether a rule has earned the next level, has lost the one it has, or stays: demotion first (a rule
 * whose stops or undos reach the bar goes back to draft at once), then promotion one level at a time.
 * Pure: the replay and the running system decide the same way on the same figures.
 */
export const judgeGraduation = (evidence: GraduationEvidence, bar: GraduationBar): GraduationVerdict => {
  if (evidence.level !== 'draft') {
    const demoted = demotion(evidence, bar);
    if (demoted.verdict === 'demote') return demoted;
  }
  return promotion(evidence, bar);
};
