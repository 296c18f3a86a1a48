export const DECISION_KINDS = [
  'auto_reply',
  'draft',
  'hide',
  'delete',
  'propose_block',
  'tag',
  'funnel',
  'lead',
  'handoff',
  'escalate',
  'ignore',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** What the engine decided about one message, and why. Plain data: stored, shown, replayed. */
export interface Decision {
  kind: DecisionKind;
  /** Id of the playbook rule that produced it. */
  rule: string;
  /** The terms, emoji or patterns that matched, as they appear in the message. */
  matched: string[];
  /** Reply text for auto_reply and draft. */
  text?: string;
  /** Where a draft came from: a template id, or 'llm'. */
  source?: string;
  priority?: Priority;
  tag?: string;
  /** Chat channel (handoff/escalate) override. */
  channel?: string;
  /** Extra detail a rule wants recorded (funnel step, template id, caps hit…). */
  detail?: Record<string, unknown>;
}
