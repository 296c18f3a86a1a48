import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import { applyActions } from './actions.js';
import type { CompiledPlaybook } from './compiled.js';
import { emptyContext, type EngineContext } from './context.js';
import { Facts } from './facts.js';
import { explainNotCounted, type RuleNote } from './not-counted.js';
import { applySafety, exemption, needsPerson } from './safety.js';
import type { TextFacts } from './text-facts.js';
import { withFields } from './with-fields.js';

/**
 * The pure core: what should happen to one message, and why. Rules run in playbook order;
 * every matching rule adds its decisions until one says `stop`. No I/O, no clock, no
 * randomness but the context's. `text`: the message's text facts when they were worked out
 * ahead (see text-facts.ts); the same decisions as without them.
 */
export const decide = (message: Message, context: EngineContext, playbook: CompiledPlaybook, text?: TextFacts): Decision[] => {
  const exempt = exemption(message, context);
  if (exempt !== null) return exempt;
  const facts = new Facts(message, context, playbook, text);
  const decisions: Decision[] = [];
  // Work the safety rails would throw away is not done: a second draft, a funnel step on a
  // message a person already has.
  const skip = { draft: false, funnel: false };
  let notes: RuleNote[] | undefined;
  for (const rule of playbook.rules) {
    const noted = facts.notCounted.length;
    const matched = rule.when(facts);
    for (let i = noted; i < facts.notCounted.length; i += 1)
      (notes ??= []).push(withFields(facts.notCounted[i] as RuleNote, { rule: rule.id }));
    if (matched === null) continue;
    for (const decision of applyActions(rule, matched, facts, skip)) {
      decisions.push(decision);
      if (decision.kind === 'draft') skip.draft = true;
    }
    if (!skip.funnel) skip.funnel = needsPerson(decisions);
    if (rule.stop) break;
  }
  const safe = applySafety(decisions, message, context, playbook);
  return notes === undefined ? safe : explainNotCounted(safe, notes);
};

/**
 * Language and sentiment, worked out once by the shell: stored with the message (the card shows
 * them) and handed back to `decide` through the context, so nothing is detected twice. `known`
 * carries what the shell already has (an LLM's score).
 */
export const messageSignals = (message: Message, playbook: CompiledPlaybook, known: { language?: string; sentiment?: number } = {}) => {
  const facts = new Facts(message, { ...emptyContext(message.createdAt, () => 0), ...known }, playbook);
  return { language: facts.language, sentiment: facts.sentiment };
};

/** The message's features as a card shows them (language, sentiment, links, profanity). */
export const describeMessage = (message: Message, context: EngineContext, playbook: CompiledPlaybook) => {
  const facts = new Facts(message, context, playbook);
  return {
    language: facts.language,
    sentiment: facts.sentiment,
    links: facts.links.map((link) => link.text),
    emails: facts.emails,
    emoji: facts.emoji,
    profanity: facts.profanity,
    businessHours: facts.businessHours,
  };
};
