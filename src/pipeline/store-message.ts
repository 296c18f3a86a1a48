import type { Message } from '../domain/message.js';
import { findAccount, findAccountId, insertAccount } from '../store/accounts.js';
import type { Db } from '../store/db.js';
import { storeMessageWithThread, type StoredMessage } from '../store/messages.js';
import type { KnownFeatures, PipelineDeps, AccountIds } from './pipeline-types.js';

export type { StoredMessage } from '../store/messages.js';

/** The conversation a message belongs to: a DM thread per contact, a comment thread per top-level comment. */
export const conversationKey = (message: Message): string =>
  message.kind === 'dm'
    ? `dm:${message.accountId}:${message.threadId ?? message.author.id}`
    : `comment:${message.threadId ?? message.parentId ?? message.externalId}`;

// Every event of a Page touches the same account row: read it first and insert without locking,
// or each ingest transaction would hold that row until it commits and they would run one at a time.
export const accountId = async (db: Db, accountIds: AccountIds, message: Message): Promise<string> => {
  const key = `${message.platform}\u0000${message.accountId}`;
  const known = accountIds.get(key);
  if (known) return known;
  const existing = await findAccount(db, message.platform, message.accountId);
  if (existing) {
    // Only a committed row may be remembered: one this transaction inserted (an earlier message of its
    // batch) dies with a rolled-back batch, and the halves retried after it would point at nothing.
    if (existing.committed) accountIds.set(key, existing.id);
    return existing.id;
  }
  const inserted = await insertAccount(db, message.platform, message.accountId);
  return inserted ?? (await findAccountId(db, message.platform, message.accountId))!;
};

/**
 * Store a normalized message with its contact and conversation.
 * Returns undefined when the platform's message id is already stored (a redelivery under another event id).
 */
export const storeMessage = async (
  db: Db,
  accountIds: AccountIds,
  message: Message,
  eventId: string | null,
  signals?: { language: string; sentiment: number },
): Promise<StoredMessage | undefined> => {
  const account = await accountId(db, accountIds, message);
  return storeMessageWithThread(db, { message, accountId: account, conversationKey: conversationKey(message), eventId, signals });
};

/** Stores a message new to us with the engine's language and sentiment (none for our own messages). */
export const storeNewMessage = async (trx: Db, deps: PipelineDeps, message: Message, eventId: string, known: KnownFeatures) => {
  const signals = message.fromSelf ? undefined : deps.signals(message, known);
  const stored = await storeMessage(trx, deps.accountIds, message, eventId, signals);
  return { stored, known: { ...known, ...signals } };
};
