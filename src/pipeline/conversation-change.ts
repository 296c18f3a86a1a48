import type { Decision } from '../domain/decision.js';
import type { SlaPolicy } from '../sla/deadline.js';
import { slaTimes } from '../sla/deadline.js';
import type { ConversationChange } from '../store/decisions.js';
import { highestPriority } from './plan-actions.js';

/**
 * What a message's decisions change on its conversation (pure). `tags` are the author's tags as
 * loaded before deciding: an author already tagged `lead` gets the lead deadline.
 */
export const conversationChange = (decisions: Decision[], tags: string[], sla: SlaPolicy, messageCreatedAt: Date): ConversationChange => {
  const priority = highestPriority(decisions);
  const qualified = decisions.some((decision) => decision.kind === 'lead');
  // The engine hands back the funnel's next state; the last funnel step of this message wins.
  const funnelStep = [...decisions].reverse().find((decision) => decision.kind === 'funnel' && decision.detail?.state);
  return {
    ignored: decisions.every((decision) => decision.kind === 'ignore'),
    priority,
    qualified,
    escalated: decisions.some((decision) => decision.kind === 'escalate'),
    ...(funnelStep ? { funnelState: funnelStep.detail!.state } : {}),
    sla: slaTimes(sla, messageCreatedAt, priority, qualified || tags.includes('lead')),
  };
};
