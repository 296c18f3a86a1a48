import type { Decision } from '../domain/decision.js';
import type { NotCounted } from './facts.js';
import { withFields } from './with-fields.js';

/** The rule id of the decision that explains a message nothing acted on because a term did not count. */
export const NOT_COUNTED_RULE = 'engine:not-counted';

export interface RuleNote extends NotCounted {
  rule: string;
}

/**
 * Says on every decision which terms a negation or a positive sentence kept from counting
 * (`detail.notCounted`: `"complaints" not counted for handoff-complaint: negated by "Zero"`).
 * When nothing else was decided, one `ignore` decision carries the explanation.
 */
export const explainNotCounted = (decisions: Decision[], notes: readonly RuleNote[]): Decision[] => {
  const lines: string[] = [];
  const terms: string[] = [];
  for (const note of notes) {
    const line = `"${note.term}" not counted for ${note.rule}: ${note.why}`;
    if (!lines.includes(line)) lines.push(line);
    if (!terms.includes(note.term)) terms.push(note.term);
  }
  if (decisions.length === 0) return [{ kind: 'ignore', rule: NOT_COUNTED_RULE, matched: terms, detail: { notCounted: lines } }];
  return decisions.map((decision) => withFields(decision, { detail: withFields(decision.detail, { notCounted: lines }) }));
};
