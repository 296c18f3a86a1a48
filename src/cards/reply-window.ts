import type { PlatformAction } from '../domain/action.js';
import { customerWindowClosesAt } from '../domain/customer-window.js';
import { platformName } from '../domain/platform.js';
import { findCard } from '../store/cards.js';
import { findLastInboundAt } from '../store/customer-window.js';
import type { Db } from '../store/db.js';
import { findMessageRow, type MessageRow } from '../store/messages.js';

const FREE_FORM: ReadonlySet<PlatformAction> = new Set(['reply', 'send_dm']);

/**
 * Why a free-form reply is not even attempted: the platform's customer-service window (WhatsApp, 24 hours
 * from the customer's last message) has closed, so it would be refused. A card rendered before the window
 * closed may still show Approve; the press is refused here, in words, and sends nothing.
 */
export const closedWindowRefusal = async (
  trx: Db,
  message: Pick<MessageRow, 'platform' | 'conversation_id' | 'created_at'>,
  kind: PlatformAction | undefined,
  now: Date,
): Promise<string | undefined> => {
  if (kind === undefined || !FREE_FORM.has(kind)) return undefined;
  if (customerWindowClosesAt(message.platform, message.created_at) === undefined) return undefined;
  const lastInbound = (await findLastInboundAt(trx, message.conversation_id)) ?? message.created_at;
  const closesAt = customerWindowClosesAt(message.platform, lastInbound);
  if (closesAt === undefined || now.getTime() < closesAt.getTime()) return undefined;
  const name = platformName(message.platform);
  return (
    `Not sent: the customer-service window closed at ${closesAt.toISOString()} (24 hours after the customer's last message), ` +
    `and ${name} refuses a free-form reply until they write again. Send the playbook's approved template instead.`
  );
};

/** When the card's customer-service window closes (WhatsApp), measured from the customer's last message; undefined elsewhere. */
export const replyWindowClosesAt = async (db: Db, cardId: string): Promise<Date | undefined> => {
  const card = await findCard(db, cardId);
  const message = card ? await findMessageRow(db, card.message_id) : undefined;
  if (!message || customerWindowClosesAt(message.platform, message.created_at) === undefined) return undefined;
  const lastInbound = (await findLastInboundAt(db, message.conversation_id)) ?? message.created_at;
  return customerWindowClosesAt(message.platform, lastInbound);
};
