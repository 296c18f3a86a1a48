import type { CardButton } from '../domain/card.js';
import type { Card } from '../store/schema.js';
import type { Supports } from './supports.js';

export interface ButtonFacts {
  replied: boolean;
  hidden: boolean;
  isDm: boolean;
  platform: string;
  assigned: boolean;
  escalated: boolean;
  awaitingAcknowledge: boolean;
  isLead: boolean;
  booked: boolean;
  converted: boolean;
  /** Its author removed it: there is nothing left to reply to, hide or unhide. */
  deleted?: boolean;
  /** An action's outcome could not be confirmed: a person may choose to send it again. */
  outcomeUnknown?: boolean;
  /** The customer-service window has closed (WhatsApp): no free-form reply, the approved template instead. */
  replyWindowClosed?: boolean;
  /** The approved template went out, or is on its way. */
  templateSent?: boolean;
  /** The rule's reply is counting down (autonomy: veto): Stop instead of Approve and Edit. */
  vetoPending?: boolean;
}

/** Outside the window the template takes the reply's place, once. */
const templateButtons = (facts: ButtonFacts, supports: Supports): CardButton[] =>
  facts.replyWindowClosed && !facts.templateSent && !facts.deleted && supports(facts.platform, 'send_template') ? ['send_template'] : [];

/** A lead's next funnel step, which a person marks (a call booked, a sale made) — also after the card is resolved. */
const leadButtons = (facts: ButtonFacts): CardButton[] => {
  if (!facts.isLead || facts.converted) return [];
  return facts.booked ? ['converted'] : ['booked', 'converted'];
};

/** Only buttons that can work now: what the platform supports and what has not been done already. */
export const chooseButtons = (card: Pick<Card, 'state' | 'draft'>, facts: ButtonFacts, supports: Supports): CardButton[] => {
  // An action in flight holds back what would act on the platform, never what stops the alarms.
  if (card.state === 'acting') return [...(facts.awaitingAcknowledge ? (['acknowledge'] as const) : []), 'resolve'];
  if (card.state === 'resolved') return leadButtons(facts);
  const buttons: CardButton[] = facts.outcomeUnknown ? ['send_again'] : [];
  if (facts.vetoPending) buttons.push('stop');
  const canReply =
    !facts.vetoPending && !facts.deleted && !facts.replyWindowClosed && supports(facts.platform, facts.isDm ? 'send_dm' : 'reply');
  if (!facts.replied && canReply && card.draft) buttons.push('approve');
  if (!facts.replied && canReply) buttons.push('edit');
  buttons.push(...templateButtons(facts, supports));
  if (!facts.assigned) buttons.push('claim');
  if (facts.awaitingAcknowledge) buttons.push('acknowledge');
  else if (!facts.escalated) buttons.push('escalate');
  if (!facts.isDm && !facts.deleted) {
    if (facts.hidden && supports(facts.platform, 'unhide')) buttons.push('unhide');
    if (!facts.hidden && supports(facts.platform, 'hide')) buttons.push('hide');
  }
  if (supports(facts.platform, 'block', facts.isDm ? 'dm' : 'comment')) buttons.push('block');
  if (!facts.isLead) buttons.push('tag_lead');
  buttons.push(...leadButtons(facts), 'resolve');
  return buttons;
};
