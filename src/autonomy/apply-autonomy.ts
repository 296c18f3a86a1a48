import type { Decision } from '../domain/decision.js';
import { levelFor, type RuleAutonomy } from './levels.js';

/** What a veto decision carries: the countdown, stored with the decision and read when the card is recorded. */
export interface VetoDetail {
  autonomy: 'veto';
  vetoAfterMs: number;
}

/** What an automatic decision of a rule at `auto` carries: how long it can be undone. */
export interface AutoDetail {
  autonomy: 'auto';
  undoWindowMs: number;
}

const UNDOABLE = new Set(['auto_reply', 'hide']);

/** A held-back rule's hide becomes a handoff: the comment stays visible, and its card offers Hide to a person. */
const hideForAPerson = (decision: Decision): Decision => ({
  kind: 'handoff',
  rule: decision.rule,
  matched: decision.matched,
  priority: 'normal',
  detail: { ...decision.detail, proposed: 'hide', reason: `rule ${decision.rule} went back to draft: its hides wait for a person` },
});

/**
 * A rule's draft at `auto` is sent at once (an auto_reply); at `veto` it stays a draft marked for a countdown;
 * at `draft` nothing changes, except that a rule demoted from chat hands its hides to a person. A rule at `auto` marks its replies and hides with their undo window.
 * Pure: the same decisions, levels and message give the same answer.
 */
export const applyAutonomy = (
  decisions: Decision[],
  autonomies: ReadonlyMap<string, RuleAutonomy>,
  message: { platform: string; language: string | undefined },
): Decision[] =>
  decisions.map((decision) => {
    const autonomy = autonomies.get(decision.rule);
    const level = levelFor(autonomy, message.platform, message.language);
    if (!autonomy) return decision;
    if (level === 'draft') return autonomy.heldBack && decision.kind === 'hide' ? hideForAPerson(decision) : decision;
    if (level === 'auto') {
      const auto: AutoDetail = { autonomy: 'auto', undoWindowMs: autonomy.undoWindowMs };
      if (decision.kind === 'draft' && decision.text) return { ...decision, kind: 'auto_reply', detail: { ...decision.detail, ...auto } };
      return UNDOABLE.has(decision.kind) ? { ...decision, detail: { ...decision.detail, ...auto } } : decision;
    }
    if (decision.kind !== 'draft' || !decision.text) return decision;
    const veto: VetoDetail = { autonomy: 'veto', vetoAfterMs: autonomy.vetoAfterMs };
    return { ...decision, detail: { ...decision.detail, ...veto } };
  });

/** The undo window of a rule's automatic action, when its rule is at `auto`. */
export const autoOf = (decision: Decision): AutoDetail | undefined => {
  const detail = decision.detail;
  if (detail?.autonomy !== 'auto' || typeof detail.undoWindowMs !== 'number') return undefined;
  return { autonomy: 'auto', undoWindowMs: detail.undoWindowMs };
};

/** The countdown a decision asks for, when it is a veto. */
export const vetoOf = (decision: Decision): VetoDetail | undefined => {
  const detail = decision.detail;
  if (decision.kind !== 'draft' || detail?.autonomy !== 'veto' || typeof detail.vetoAfterMs !== 'number') return undefined;
  return { autonomy: 'veto', vetoAfterMs: detail.vetoAfterMs };
};
