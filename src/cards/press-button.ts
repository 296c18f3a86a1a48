import type { ChatName } from '../domain/chat.js';
import type { PlatformAction } from '../domain/action.js';
import type { ButtonPress, MayPress, PressResult } from '../domain/press.js';
import { authorizePress } from '../roles/authorize-press.js';
import { writeAudit } from '../store/audit.js';
import { findCardPlacements, leaveActing, lockCard, markCardPressed } from '../store/cards.js';
import type { Db } from '../store/db.js';
import { findCardEscalation } from '../store/escalations.js';
import { findActionParties, findFailedCardAction, findUnknownCardAction, insertPressAction } from '../store/actions.js';
import { approveSendAgain, retryAction } from '../actions/retry-action.js';
import { findPressedMessage, type MessageRow } from '../store/messages.js';
import type { Card } from '../store/schema.js';
import { applyButtonEffects, platformActionFor, PRESS_WORDS } from './button-effects.js';
import { actionTarget, isTooLate, pressActionKey, pressText, refusalOf, stateAfterPress, tooLateAnswer } from './press-rules.js';
import { closedWindowRefusal } from './reply-window.js';
import { stopVeto } from '../autonomy/stop-veto.js';
import { pressUnfold } from './press-unfold.js';
import type { Supports } from './supports.js';

export interface PressDeps {
  supports: Supports;
  mayPress: MayPress;
  escalationChannel: (chat: ChatName) => string | undefined;
  /** The clock a customer-service window is measured against; the system clock by default. */
  now?: () => Date;
}

/**
 * One press, decided in Postgres: the first press on a card version wins, any other press on that
 * version is told who was first. The platform call itself happens later, through the queue.
 */
export const pressButton = async (db: Db, press: ButtonPress, deps: PressDeps): Promise<PressResult> => {
  const permission = await authorizePress(db, press, deps.mayPress);
  if (!permission.ok) return { outcome: 'refused', reason: permission.reason };
  return db.transaction().execute((trx) => decidePress(trx, press, deps));
};

const decidePress = async (trx: Db, press: ButtonPress, deps: PressDeps): Promise<PressResult> => {
  const card = await lockCard(trx, press.cardId);
  if (!card) return { outcome: 'refused', reason: 'This card no longer exists.' };
  // Stop races the deadline, not other presses: the veto's own state decides it, whatever version was seen.
  if (press.button === 'stop') return stopVeto(trx, card, press, deps.now?.() ?? new Date());
  // Unfold acts on the folds as they are now; the folded cards' own state decides it (see press-unfold.ts).
  if (press.button === 'unfold') return pressUnfold(trx, card, press);
  if (isTooLate(card, press.button, press.version)) return tooLateAnswer(card);
  if (press.button === 'acknowledge') {
    const answer = await refuseAcknowledge(trx, card.id);
    if (answer) return answer;
  }
  const message = await findPressedMessage(trx, card.message_id);
  if (press.button === 'send_again') return sendAgain(trx, { card, message, press, text: undefined }, deps);
  const kind = platformActionFor(press.button, message.kind === 'dm');
  const text = pressText(press.button, press.text, card.draft);
  const refusal =
    refusalOf({ button: press.button, kind, platform: message.platform, text, on: message.kind }, deps.supports) ??
    (await closedWindowRefusal(trx, message, kind, deps.now?.() ?? new Date()));
  if (refusal) return { outcome: 'refused', reason: refusal };
  const actionId = kind ? await requestAction(trx, { card, message, kind, press, text }) : undefined;
  if (kind && !actionId) return tooLateAnswer(card);
  return acceptPress(trx, { card, message, kind, press, text, actionId }, deps);
};

/** Acknowledge needs an escalation nobody has acknowledged yet. */
const refuseAcknowledge = async (trx: Db, cardId: string): Promise<PressResult | undefined> => {
  const escalation = await findCardEscalation(trx, cardId);
  if (!escalation) return { outcome: 'refused', reason: 'This card was never escalated.' };
  if (!escalation.acknowledged_at) return undefined;
  return { outcome: 'too_late', by: escalation.acknowledged_by ?? 'someone', what: 'acknowledge', at: escalation.acknowledged_at };
};

interface Pressing {
  card: Card;
  message: MessageRow;
  press: ButtonPress;
  text: string | undefined;
}

/** Send again the card's action whose outcome is unknown: the same action, sent once more by a person's decision. */
const sendAgain = async (trx: Db, pressing: Pressing, deps: PressDeps): Promise<PressResult> => {
  const unknown = await findUnknownCardAction(trx, pressing.card.id);
  const approved = unknown ? await approveSendAgain(trx, unknown, pressing.press.actor) : undefined;
  if (!approved) return { outcome: 'refused', reason: 'There is nothing whose outcome is unknown to send again.' };
  return acceptPress(trx, { ...pressing, kind: undefined, actionId: approved.id }, deps);
};

/**
 * Records the platform action; undefined when the same press on this version was recorded first. Pressing
 * again after a refusal retries the refused action itself (same identity), when it would send the same.
 */
const requestAction = async (trx: Db, { card, message, kind, press, text }: Pressing & { kind: PlatformAction }) => {
  const failed = await findFailedCardAction(trx, card.id, kind);
  if (failed && (failed.payload as { text?: string | null }).text === (text ?? null)) {
    return (await retryAction(trx, failed, press.actor))?.id;
  }
  const parties = await findActionParties(trx, message);
  return insertPressAction(trx, {
    idempotencyKey: pressActionKey(card.id, card.version, press.button),
    kind,
    platform: message.platform,
    target: actionTarget(kind, { contact: parties.contactExternalId, message: message.external_id }),
    payload: { accountId: parties.accountExternalId, text: text ?? null, via: press.button },
    requestedBy: press.actor,
    conversationId: card.conversation_id,
    messageId: message.id,
    cardId: card.id,
  });
};

/** Each chat the card is shown in that has an escalation channel. */
const escalationChannels = async (trx: Db, cardId: string, deps: PressDeps) =>
  (await findCardPlacements(trx, cardId)).flatMap(({ chat }) => {
    const channel = deps.escalationChannel(chat);
    return channel ? [{ chat, channel }] : [];
  });

const acceptPress = async (
  trx: Db,
  { card, message, kind, press, text, actionId }: Pressing & { kind: PlatformAction | undefined; actionId: string | undefined },
  deps: PressDeps,
): Promise<PressResult> => {
  const effects = await applyButtonEffects(press.button, {
    trx,
    card,
    actor: press.actor,
    messageId: message.id,
    contactId: message.contact_id,
    conversationId: card.conversation_id,
    escalationChannels: press.button === 'escalate' ? await escalationChannels(trx, card.id, deps) : [],
  });
  await markCardPressed(trx, card.id, {
    state: stateAfterPress(press.button, kind, card.state),
    button: press.button,
    actor: press.actor,
    draft: press.button === 'edit' ? text : undefined,
  });
  await writeAudit(trx, [
    {
      actor: press.actor,
      action: `pressed:${press.button}`,
      subjectType: 'card',
      subjectId: card.id,
      detail: { version: press.version, actionId: actionId ?? null, ...(press.button === 'edit' ? { text } : {}) },
    },
  ]);
  return { outcome: 'accepted', cardId: card.id, actionId, escalationIds: effects.escalationIds ?? [], note: PRESS_WORDS[press.button] };
};

/**
 * After its action settles, the card leaves 'acting': open again, or failed with the buttons back for a
 * retry. An unknown outcome is no refusal: the card is open, offering Send again.
 */
export const settleCard = async (db: Db, cardId: string, outcome: 'succeeded' | 'failed' | 'unknown' | 'cancelled'): Promise<void> => {
  await leaveActing(db, cardId, outcome === 'failed' ? 'failed' : 'open');
};
