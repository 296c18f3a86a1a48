import type { Decision } from '../domain/decision.js';
import { levelFor, type RuleAutonomy } from './levels.js';

/** What a veto decision carries: the countdown, stored with the decision and read when the card is recorded. */
export interface VetoDetail {
  autonomy: 'veto';
  vetoAfterMs: number;
}

/**
 * A rule's draft at `auto` is sent at once (an auto_reply); at `veto` it stays a draft marked for a countdown;
 * at `draft` nothing changes. Pure: the same decisions, levels and message give the same answer.
 */
export const applyAutonomy = (
  decisions: Decision[],
  autonomies: ReadonlyMap<string, RuleAutonomy>,
  message: { platform: string; language: string | undefined },
): Decision[] =>
  decisions.map((decision) => {
    if (decision.kind !== 'draft' || !decision.text) return decision;
    const autonomy = autonomies.get(decision.rule);
    const level = levelFor(autonomy, message.platform, message.language);
    if (level === 'auto') return { ...decision, kind: 'auto_reply', detail: { ...decision.detail, autonomy: 'auto' } };
    if (level === 'veto' && autonomy) {
      const veto: VetoDetail = { autonomy: 'veto', vetoAfterMs: autonomy.vetoAfterMs };
      return { ...decision, detail: { ...decision.detail, ...veto } };
    }
    return decision;
  });

/** The countdown a decision asks for, when it is a veto. */
export const vetoOf = (decision: Decision): VetoDetail | undefined => {
  const detail = decision.detail;
  if (decision.kind !== 'draft' || detail?.autonomy !== 'veto' || typeof detail.vetoAfterMs !== 'number') return undefined;
  return { autonomy: 'veto', vetoAfterMs: detail.vetoAfterMs };
};
