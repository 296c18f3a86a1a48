import type { Decision, Priority } from '../domain/decision.js';
import type { ActionSpec, RoutingSpec } from '../playbook-spec/schema.js';
import type { CompiledFunnel, CompiledRule } from './compiled.js';
import type { Facts } from './facts.js';
import { runFunnel } from './funnel.js';
import { replyDecisions } from './replies.js';

// Decisions are built as literals, not spreads: one object shape keeps this hot path fast.
const simple = (kind: Decision['kind'], rule: string, matched: string[]): Decision => ({ kind, rule, matched });

const routed = (kind: 'handoff' | 'escalate', spec: true | RoutingSpec, rule: string, matched: string[], fallback: Priority): Decision => {
  const decision: Decision = { kind, rule, matched, priority: fallback };
  if (spec === true) return decision;
  if (spec.priority) decision.priority = spec.priority;
  if (spec.channel) decision.channel = spec.channel;
  if (spec.mentions || spec.reason || spec.scope) {
    const detail: Record<string, unknown> = {};
    if (spec.mentions) detail.mentions = spec.mentions;
    if (spec.reason) detail.reason = spec.reason;
    if (spec.scope) detail.scope = spec.scope;
    decision.detail = detail;
  }
  return decision;
};

/** Actions whose result would be discarded by the safety rails, so are not worked out. */
export interface Skip {
  draft: boolean;
  funnel: boolean;
}

/** The decisions one matching rule produces, in the order its actions are written. */
export const applyActions = (rule: CompiledRule, matched: string[], facts: Facts, skip: Skip): Decision[] => {
  const decisions: Decision[] = [];
  for (const action of rule.then) {
    if ((skip.draft && action.draft !== undefined) || (skip.funnel && action.funnel !== undefined)) continue;
    applyAction(action, rule.id, matched, facts, decisions);
  }
  return decisions;
};

const applyAction = (action: ActionSpec, rule: string, matched: string[], facts: Facts, out: Decision[]): void => {
  if (action.auto_reply !== undefined) {
    out.push(...replyDecisions('auto_reply', action.auto_reply, facts, rule, matched));
  } else if (action.draft !== undefined) {
    out.push(...replyDecisions('draft', action.draft, facts, rule, matched));
  } else if (action.hide) {
    out.push(simple('hide', rule, matched));
  } else if (action.delete) {
    out.push(simple('delete', rule, matched));
  } else if (action.propose_block !== undefined) {
    const decision = simple('propose_block', rule, matched);
    if (action.propose_block !== true) decision.detail = { reason: action.propose_block.reason };
    out.push(decision);
  } else if (action.tag !== undefined) {
    out.push({ kind: 'tag', rule, matched, tag: action.tag });
  } else if (action.lead !== undefined) {
    const decision = simple('lead', rule, matched);
    if (action.lead !== true) decision.detail = { value: action.lead.value };
    out.push(decision);
  } else if (action.handoff !== undefined) {
    out.push(routed('handoff', action.handoff, rule, matched, 'normal'));
  } else if (action.escalate !== undefined) {
    out.push(routed('escalate', action.escalate, rule, matched, 'urgent'));
  } else if (action.funnel !== undefined) {
    out.push(...runFunnel(facts.playbook.funnels.get(action.funnel) as CompiledFunnel, facts, rule));
  } else if (action.ignore) {
    out.push(simple('ignore', rule, matched));
  }
};
