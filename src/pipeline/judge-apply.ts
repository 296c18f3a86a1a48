import type { Decision } from '../domain/decision.js';
import { SAFETY_RULES } from '../engine/index.js';
import type { JudgeOutcome } from './judge-batch.js';

/** What the judge made of a message the playbook marked unsure (see `judge.unsure_when`). */
export interface Judgement {
  /** The words, emoji or patterns that made the rules unsure. */
  unsure: string[];
  outcome: JudgeOutcome;
}

/** The rule id of a handoff the model asked for, shown on the card like a rule's. */
export const JUDGE_RULE = 'judge:model';

const PERSON_KINDS = new Set<Decision['kind']>(['handoff', 'escalate']);
/** What a person's handoff makes moot: the rules' own answer to it (kept as a draft, see `asDraft`). */
const MOOT_KINDS = new Set<Decision['kind']>(['ignore', 'funnel']);

const noted = (decisions: Decision[], decidedBy: 'rules' | 'model', judge: string): Decision[] =>
  decisions.map((decision) => ({ ...decision, detail: { ...decision.detail, decided_by: decidedBy, judge } }));

// The same rail as the engine's: a message a person answers gets no automatic reply; the reply waits as a draft.
const asDraft = (decision: Decision): Decision => (decision.kind === 'auto_reply' ? { ...decision, kind: 'draft' } : decision);

const handOff = (decisions: Decision[], judgement: Judgement, reason: string): Decision[] => {
  const overruled = decisions.filter((decision) => !MOOT_KINDS.has(decision.kind)).map(asDraft);
  const handoff: Decision = { kind: 'handoff', rule: JUDGE_RULE, matched: judgement.unsure, priority: 'normal' };
  return noted([handoff, ...overruled], 'model', `the model judged that a person should answer: ${reason}`);
};

/**
 * The rules' decisions after the model's verdict, each marked `detail.decided_by` ('rules' or
 * 'model') with `detail.judge` saying why. The model can hand a message to a person the rules would
 * have answered or left alone; it never takes one away from a person, and without a verdict
 * (timeout, error, nonsense) the rules' answer stands.
 */
export const applyJudgement = (decisions: Decision[], judgement: Judgement | undefined): Decision[] => {
  if (judgement === undefined) return decisions;
  if (decisions.some((decision) => decision.rule === SAFETY_RULES.ownMessage || decision.rule === SAFETY_RULES.teamAuthor))
    return decisions;
  const { outcome } = judgement;
  if ('failure' in outcome) return noted(decisions, 'rules', `${outcome.failure}; the rules decided`);
  const { needsPerson, reason } = outcome.verdict;
  const personHas = decisions.some((decision) => PERSON_KINDS.has(decision.kind));
  if (needsPerson && !personHas) return handOff(decisions, judgement, reason);
  if (needsPerson || !personHas) return noted(decisions, 'model', `the model agreed with the rules: ${reason}`);
  return noted(decisions, 'rules', `the model saw no need for a person (${reason}), but a judge never takes a message away from one`);
};
