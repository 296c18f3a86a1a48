import { writeAudit } from '../store/audit.js';
import { findRecentOutcomes, findRuleEvidence } from '../store/autonomy-evidence.js';
import { findOverlay, lockRuleLevel, setOverlay } from '../store/autonomy-overlays.js';
import { isQuiet, openSuggestion, type Suggestion, withdrawOpenSuggestion } from '../store/autonomy-suggestions.js';
import { demotePendingVetoes } from '../store/autonomy-vetoes.js';
import type { Db } from '../store/db.js';
import type { GraduationPolicy } from './graduation-bar.js';
import { describePeriod, type GraduationVerdict, judgeGraduation } from './graduation.js';
import type { LevelBook } from './level-book.js';
import type { AutonomyLevel, RuleAutonomy } from './levels.js';
import { topLevel } from './overlay-levels.js';

export interface ReviewDeps {
  db: Db;
  levels: LevelBook;
  policy: GraduationPolicy;
  now: () => Date;
}

export type ReviewOutcome =
  | { kind: 'hold' | 'quiet' | 'already' | 'unknown' | 'moved' }
  | { kind: 'suggested'; suggestion: Suggestion }
  | { kind: 'demoted'; rule: string; from: AutonomyLevel; figures: string; cards: { id: string; version: number }[] };

/** The rule's level now: the chat's overlay, else the highest the file gives it anywhere. */
const levelNow = (file: RuleAutonomy, overlay: { level: AutonomyLevel } | undefined): AutonomyLevel => overlay?.level ?? topLevel(file);

/** The rule's verdict on its figures since the window opened or its level last changed, whichever is later. */
const judge = async (deps: ReviewDeps, rule: string, file: RuleAutonomy): Promise<{ verdict: GraduationVerdict; level: AutonomyLevel }> => {
  const bar = deps.policy.bars.get(rule);
  const overlay = await findOverlay(deps.db, rule);
  const level = levelNow(file, overlay);
  if (!bar) return { verdict: { verdict: 'hold' }, level };
  const windowStart = new Date(deps.now().getTime() - bar.windowMs);
  const since = overlay && overlay.since > windowStart ? overlay.since : windowStart;
  const figures = (await findRuleEvidence(deps.db, since, { rule })).get(rule);
  const recent = level === 'draft' ? [] : await findRecentOutcomes(deps.db, rule, level, since, bar.demoteAfter.ofLast);
  const period = describePeriod(bar.windowMs, since === windowStart ? undefined : since);
  const evidence = {
    level,
    period,
    drafts: figures?.decided ?? 0,
    approved: figures?.approved ?? 0,
    vetoSent: figures?.vetoSent ?? 0,
    vetoed: figures?.vetoed ?? 0,
    automatic: figures?.automatic ?? 0,
    undone: figures?.undone ?? 0,
    recent,
  };
  return { verdict: judgeGraduation(evidence, bar), level };
};

/**
 * A rule above draft whose stops or undos reached the bar goes back to draft at once, in one
 * transaction under the rule's level lock: the overlay, every countdown still running ended
 * ('demoted': not sent, the card a draft again), any open suggestion withdrawn, and the audit line.
 */
const demote = async (deps: ReviewDeps, rule: string, file: RuleAutonomy, verdict: GraduationVerdict & { verdict: 'demote' }) =>
  deps.db.transaction().execute(async (trx): Promise<ReviewOutcome> => {
    await lockRuleLevel(trx, rule);
    // Someone changed the level since the figures were read (a Promote, another worker's demotion): theirs stands.
    if (levelNow(file, await findOverlay(trx, rule)) !== verdict.from) return { kind: 'moved' };
    const at = deps.now();
    const why = `demoted: ${verdict.figures}`;
    await setOverlay(trx, { rule, level: 'draft', fileLevel: file.level, setBy: 'system', why, figures: verdict.figures, since: at });
    const cards = await demotePendingVetoes(trx, rule, 'system', at);
    await withdrawOpenSuggestion(trx, rule, 'system', at);
    await writeAudit(trx, [
      {
        actor: 'system',
        action: 'autonomy:demote',
        subjectType: 'rule',
        subjectId: rule,
        detail: { was: verdict.from, now: 'draft', why, figures: verdict.figures, countdownsEnded: cards.length },
      },
    ]);
    return { kind: 'demoted', rule, from: verdict.from, figures: verdict.figures, cards };
  });

/**
 * Checks one rule after an outcome was recorded (an approval, an edit, a Stop, an Undo): demotes it when
 * it lost its level, or opens a suggestion when it earned the next one — at most one open per rule, and
 * none while a "Not now" is quiet. The caller posts the suggestion or tells the channel of the demotion.
 */
export const reviewRule = async (deps: ReviewDeps, rule: string): Promise<ReviewOutcome> => {
  const file = deps.levels.file.get(rule);
  if (!file) return { kind: 'unknown' };
  const { verdict } = await judge(deps, rule, file);
  if (verdict.verdict === 'hold') return { kind: 'hold' };
  if (verdict.verdict === 'demote') {
    const outcome = await demote(deps, rule, file, verdict);
    if (outcome.kind === 'demoted') deps.levels.invalidate();
    return outcome;
  }
  const now = deps.now();
  if (await isQuiet(deps.db, rule, now)) return { kind: 'quiet' };
  const suggestion = await openSuggestion(deps.db, { rule, from: verdict.from, to: verdict.to, figures: verdict.figures, now });
  return suggestion ? { kind: 'suggested', suggestion } : { kind: 'already' };
};
