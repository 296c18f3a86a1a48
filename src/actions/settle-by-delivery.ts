import type { DeliveryStatus } from '../domain/source.js';
import { confirmActionDelivered, failActionDelivery, lockActionForDelivery } from '../store/action-deliveries.js';
import { writeAudit } from '../store/audit.js';
import { markMessageCardsChanged } from '../store/card-model.js';
import type { Db } from '../store/db.js';
import type { Action } from '../store/schema.js';
import { recordActionEffects } from './record-effects.js';

/** What a delivery status did: the outcome it settled (the card is told as for any action), and a line for the card. */
export interface DeliverySettlement {
  settled?: { status: 'succeeded'; action: Action } | { status: 'failed'; action: Action; error: string };
  note?: { cardId: string; key: string; text: string };
}

const STATUS_WORDS: Record<DeliveryStatus['status'], string> = {
  sent: '📤 WhatsApp: sent',
  delivered: '📬 WhatsApp: delivered',
  read: '👀 WhatsApp: read',
  failed: '❌ WhatsApp: not delivered',
};

// A status is believed only for the action it names, on the platform and to the person that action addressed.
const belongsTo = (action: Action, status: DeliveryStatus): boolean =>
  action.platform === status.platform && (status.recipientId === undefined || status.recipientId === action.target);

const settle = async (trx: Db, action: Action, status: DeliveryStatus, now: () => Date): Promise<DeliverySettlement['settled']> => {
  if (status.status === 'failed') {
    const error = status.error ?? 'the platform reported the message as failed';
    const failed = await failActionDelivery(trx, action.id, error);
    return failed && { status: 'failed', action: failed, error };
  }
  const result = { externalId: status.externalId, detail: { deliveryStatus: status.status }, verified: true };
  const done = await confirmActionDelivered(trx, action.id, result);
  if (done) await recordActionEffects(trx, done, { externalId: status.externalId }, now);
  return done && { status: 'succeeded', action: done };
};

/**
 * A platform's delivery report for one of our sends, in the ingest transaction: `sent`, `delivered` and
 * `read` settle an action still open (an outcome never heard: this is its read-back) as done; `failed`
 * fails it with the platform's words. Every status becomes a line on the card.
 */
export const settleByDelivery = async (trx: Db, status: DeliveryStatus, now: () => Date): Promise<DeliverySettlement | undefined> => {
  const action = await lockActionForDelivery(trx, status.actionId);
  if (!action || !belongsTo(action, status)) return undefined;
  const settled = await settle(trx, action, status, now);
  if (settled) {
    const detail = { status: status.status, externalId: status.externalId, ...(status.error ? { error: status.error } : {}) };
    const what = `${action.kind}:${settled.status === 'failed' ? 'failed' : 'succeeded'}`;
    await writeAudit(trx, [{ actor: `${status.platform}:status`, action: what, subjectType: 'action', subjectId: action.id, detail }]);
    // A new version, so the card's update is not mistaken for one already rendered.
    if (action.message_id) await markMessageCardsChanged(trx, action.message_id);
  }
  const words = status.error ? `${STATUS_WORDS[status.status]}: ${status.error}` : STATUS_WORDS[status.status];
  // A failure it settled is told by the outcome's own line, with the same words.
  const told = settled?.status === 'failed';
  const note =
    action.card_id && !told ? { cardId: action.card_id, key: `delivery-${status.externalId}-${status.status}`, text: words } : undefined;
  return { ...(settled ? { settled } : {}), ...(note ? { note } : {}) };
};
