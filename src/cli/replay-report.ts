import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';

const EXAMPLES_PER_RULE = 3;
const EXAMPLE_CHARS = 280;
/** The day column for messages no rule acted on. */
export const NO_DECISION = 'none';

/** A message shown under a rule, with why each of its decisions was made. */
export interface RuleExample {
  id: string;
  text: string;
  explanations: string[];
}

const clip = (text: string): string => (text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS - 1)}…` : text);

const reasons = (detail: Decision['detail']): string[] => {
  if (detail === undefined) return [];
  const found: string[] = [];
  for (const key of ['reason', 'why'] as const) if (typeof detail[key] === 'string') found.push(detail[key]);
  if (Array.isArray(detail.notCounted)) found.push(...detail.notCounted.filter((line): line is string => typeof line === 'string'));
  return found;
};

/** `handoff by handoff-refund, matched "money back": …reason` — the decision as a person would read it. */
export const explainDecision = (decision: Decision): string => {
  const matched = decision.matched.length > 0 ? `, matched ${decision.matched.map((term) => `"${term}"`).join(', ')}` : '';
  const why = reasons(decision.detail);
  return `${decision.kind} by ${decision.rule}${matched}${why.length > 0 ? ` — ${why.join('; ')}` : ''}`;
};

/**
 * What the HTML report shows beyond the text summary: decisions per day and kind (each kind
 * once per message), and a few examples per rule with their explanation. Bounded by the
 * number of days, kinds and rules, not by the number of messages.
 */
export class ReplayReport {
  /** UTC day (YYYY-MM-DD) → decision kind (or `none`) → messages. */
  readonly days = new Map<string, Map<string, number>>();
  readonly examples = new Map<string, RuleExample[]>();

  add(message: Message, decisions: readonly Decision[]): void {
    const day = message.createdAt.toISOString().slice(0, 10);
    let kinds = this.days.get(day);
    if (kinds === undefined) {
      kinds = new Map();
      this.days.set(day, kinds);
    }
    const seen = new Set(decisions.length === 0 ? [NO_DECISION] : decisions.map((decision) => decision.kind));
    for (const kind of seen) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    for (const rule of new Set(decisions.map((decision) => decision.rule))) this.addExample(rule, message, decisions);
  }

  private addExample(rule: string, message: Message, decisions: readonly Decision[]): void {
    let list = this.examples.get(rule);
    if (list === undefined) {
      list = [];
      this.examples.set(rule, list);
    }
    if (list.length >= EXAMPLES_PER_RULE || list.some((example) => example.text === clip(message.text))) return;
    const explanations = decisions.filter((decision) => decision.rule === rule).map(explainDecision);
    list.push({ id: message.externalId, text: clip(message.text), explanations });
  }
}
