import type { PlatformAction } from '../domain/action.js';
import type { Decision, Priority } from '../domain/decision.js';
import { PRIORITIES } from '../domain/decision.js';
import type { Message } from '../domain/message.js';

export interface PlannedAction {
  decisionIndex: number;
  kind: PlatformAction;
  text?: string;
}

const CARD_KINDS = new Set(['handoff', 'escalate', 'draft', 'propose_block']);

/** Which automatic platform actions the decisions call for (pure; the caller checks support). */
export const planAutomaticActions = (message: Message, decisions: Decision[]): PlannedAction[] => {
  const planned: PlannedAction[] = [];
  decisions.forEach((decision, decisionIndex) => {
    if (decision.kind === 'funnel' && decision.text && message.kind === 'dm') {
      planned.push({ decisionIndex, kind: 'send_dm', text: decision.text });
    } else if (decision.kind === 'auto_reply' && decision.text) {
      planned.push({ decisionIndex, kind: message.kind === 'dm' ? 'send_dm' : 'reply', text: decision.text });
    } else if (decision.kind === 'hide' && message.kind !== 'dm') {
      planned.push({ decisionIndex, kind: 'hide' });
    } else if (decision.kind === 'delete' && message.kind !== 'dm') {
      planned.push({ decisionIndex, kind: 'delete' });
    }
  });
  return planned;
};

export const needsCard = (decisions: Decision[]): boolean => decisions.some((decision) => CARD_KINDS.has(decision.kind));

export const highestPriority = (decisions: Decision[]): Priority => {
  let best = 1;
  for (const decision of decisions) {
    const rank = decision.priority ? PRIORITIES.indexOf(decision.priority) : -1;
    if (decision.kind === 'escalate') best = Math.max(best, PRIORITIES.indexOf('urgent'));
    best = Math.max(best, rank);
  }
  return PRIORITIES[best] ?? 'normal';
};

/** The draft shown on a card: an explicit draft decision first, else an auto-reply that could not be sent. */
export const cardDraft = (decisions: Decision[]): Decision | undefined =>
  decisions.find((decision) => decision.kind === 'draft' && decision.text) ??
  decisions.find((decision) => decision.kind === 'auto_reply' && decision.text);

/** Tags the decisions add to the author, each once: a tag decision's tag, and `lead` for a lead. */
export const contactTags = (decisions: Decision[]): string[] => [
  ...new Set(
    decisions.flatMap((decision) => (decision.kind === 'tag' && decision.tag ? [decision.tag] : decision.kind === 'lead' ? ['lead'] : [])),
  ),
];
