import type { Decision } from '../domain/decision.js';
import type { CompiledFunnel, CompiledFunnelStep } from './compiled.js';
import type { FunnelState } from './context.js';
import type { Facts } from './facts.js';
import { renderReply } from './replies.js';
import { hitsFor } from './term-matcher.js';

const NUMBER = /\d+(?:[.,]\d+)?/u;

interface Step {
  facts: Facts;
  funnel: CompiledFunnel;
  rule: string;
}

const enter = (
  { facts, funnel, rule }: Step,
  stepId: string,
  data: FunnelState['data'],
  from: string | null,
  matched: string[],
  retries = 0,
): Decision[] => {
  const step = funnel.steps.get(stepId) as CompiledFunnelStep;
  const reply = renderReply(step.say, facts, matched, data);
  const state: FunnelState = {
    funnel: funnel.id,
    step: stepId,
    data,
    retries,
    done: step.end === true && step.capture === undefined,
    updatedAt: facts.context.now,
  };
  const decisions: Decision[] = [
    {
      kind: 'funnel',
      rule,
      matched,
      text: reply.text,
      source: reply.source,
      detail: { phrasing: reply.phrasing, language: reply.language, funnel: funnel.id, from, to: stepId, state },
    },
  ];
  if (step.tag) decisions.push({ kind: 'tag', rule, matched, tag: step.tag, detail: { funnel: funnel.id } });
  if (step.lead) decisions.push({ kind: 'lead', rule, matched, detail: { funnel: funnel.id, ...data } });
  if (step.handoff) decisions.push({ kind: 'handoff', rule, matched, priority: 'normal', detail: { funnel: funnel.id } });
  return decisions;
};

const finish = ({ facts, funnel, rule }: Step, state: FunnelState, data: FunnelState['data'], why: string): Decision[] => [
  {
    kind: 'funnel',
    rule,
    matched: [],
    detail: { funnel: funnel.id, from: state.step, to: null, state: { ...state, data, done: true, updatedAt: facts.context.now } },
  },
  { kind: 'handoff', rule, matched: [], priority: 'normal', detail: { funnel: funnel.id, reason: why } },
];

const retry = (context: Step, state: FunnelState, data: FunnelState['data']): Decision[] => {
  if (state.retries + 1 > context.funnel.maxRetries) return finish(context, state, data, 'no usable answer');
  return enter(context, state.step, data, state.step, [], state.retries + 1);
};

const captureNumber = (
  context: Step,
  step: CompiledFunnelStep,
  data: FunnelState['data'],
  value: number,
  matched: string[],
  state?: FunnelState,
): Decision[] => {
  const captured = { ...data, [step.as ?? 'quantity']: value };
  const next = step.qualify ? (value > step.qualify.above ? step.qualify.then : step.qualify.else) : step.next;
  if (next !== undefined) return enter(context, next, captured, step.id, matched);
  const current: FunnelState = state ?? {
    funnel: context.funnel.id,
    step: step.id,
    data: captured,
    retries: 0,
    done: false,
    updatedAt: context.facts.context.now,
  };
  return finish(context, current, captured, 'funnel finished');
};

const matchChoice = (step: CompiledFunnelStep, facts: Facts) => {
  for (const [index, choice] of (step.choices ?? []).entries()) {
    const found = hitsFor(facts.termHits, step.choiceTerms[index] as ReadonlySet<number>);
    if (found.length > 0) return { choice, found };
  }
  return null;
};

const choose = (context: Step, step: CompiledFunnelStep, data: FunnelState['data']): Decision[] | null => {
  const picked = matchChoice(step, context.facts);
  if (picked === null) return null;
  const next = context.funnel.steps.get(picked.choice.next) as CompiledFunnelStep;
  // "How much for 20 mugs?" answers the next question too: qualify straight away.
  const number = next.capture === 'number' ? NUMBER.exec(context.facts.message.text) : null;
  const decisions =
    number !== null
      ? captureNumber(context, next, data, Number(number[0].replace(',', '.')), [...picked.found, number[0]])
      : enter(context, next.id, data, step.id, picked.found);
  if (picked.choice.tag) {
    decisions.push({
      kind: 'tag',
      rule: context.rule,
      matched: picked.found,
      tag: picked.choice.tag,
      detail: { funnel: context.funnel.id },
    });
  }
  return decisions;
};

// A first message that already answers the greeting ("how much for 20 mugs?") skips it.
const start = (context: Step): Decision[] => {
  const first = context.funnel.steps.get(context.funnel.start) as CompiledFunnelStep;
  const data: FunnelState['data'] = {};
  const email = context.facts.emails[0];
  if (email !== undefined) data.email = email;
  return choose(context, first, data) ?? enter(context, first.id, data, null, []);
};

/**
 * Moves a DM conversation one step through a funnel: greet, route by the answer, qualify,
 * send the right link, capture an email. Returns no decisions once the funnel is done.
 */
export const runFunnel = (funnel: CompiledFunnel, facts: Facts, rule: string): Decision[] => {
  const context: Step = { facts, funnel, rule };
  const state = facts.context.conversation.funnel;
  const now = facts.context.now.getTime();
  const expired = state !== null && now - state.updatedAt.getTime() > funnel.expireAfterMs;
  if (state === null || state.funnel !== funnel.id || expired) return start(context);
  if (state.done) return [];

  const step = funnel.steps.get(state.step);
  if (step === undefined) return start(context);
  const data = { ...state.data };
  const email = facts.emails[0];
  if (email !== undefined) data.email = email;

  if (step.choices) return choose(context, step, data) ?? retry(context, state, data);
  if (step.capture === 'number') {
    const match = NUMBER.exec(facts.message.text);
    if (!match) return retry(context, state, data);
    return captureNumber(context, step, data, Number(match[0].replace(',', '.')), [match[0]], state);
  }
  if (step.capture === 'email') {
    if (email === undefined) return finish(context, state, data, 'no email given');
    if (step.next) return enter(context, step.next, data, step.id, [email]);
    return finish(context, state, data, 'email captured');
  }
  if (step.next) return enter(context, step.next, data, step.id, []);
  return finish(context, state, data, 'funnel finished');
};
