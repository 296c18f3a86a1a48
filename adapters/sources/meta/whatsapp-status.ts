import type { DeliveryStatus, InboundItem } from '../../../src/domain/source.js';
import type { WhatsAppError, WhatsAppStatus } from './schema.js';
import { actionIdFromCallbackData } from './whatsapp-calls.js';

const SETTLING = new Set<string>(['sent', 'delivered', 'read', 'failed']);

/** WhatsApp's words for a failure: title, code and details, as its status webhook gives them. */
const describeErrors = (errors: readonly WhatsAppError[] | undefined): string => {
  const [first] = errors ?? [];
  if (first === undefined) return 'WhatsApp reported the message as failed, without saying why';
  const what = first.title ?? first.message ?? 'failed';
  const code = first.code === undefined ? '' : ` (code ${first.code})`;
  const details = first.error_data?.details;
  return `${what}${code}${details === undefined || details === what ? '' : `: ${details}`}`;
};

/**
 * A status for a message one of our actions sent: it settles that action. Statuses of messages sent by
 * anything else (no callback data of ours) and kinds that say nothing about the outcome are left to the caller.
 */
export const mapWhatsAppStatus = (status: WhatsAppStatus, receivedAt: Date, raw: unknown): InboundItem | undefined => {
  const actionId = actionIdFromCallbackData(status.biz_opaque_callback_data);
  if (actionId === undefined || !SETTLING.has(status.status)) return undefined;
  const delivery: DeliveryStatus = {
    platform: 'whatsapp',
    actionId,
    status: status.status as DeliveryStatus['status'],
    externalId: status.id,
    ...(status.recipient_id === undefined ? {} : { recipientId: status.recipient_id }),
    ...(status.status === 'failed' ? { error: describeErrors(status.errors) } : {}),
    at: status.timestamp === undefined ? receivedAt : new Date(Number(status.timestamp) * 1000),
  };
  return { type: 'status', dedupeKey: `whatsapp:status:${status.id}:${status.status}`, status: delivery, raw };
};
