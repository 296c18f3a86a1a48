import { settleCard } from './press-button.js';
import type { WorkQueue } from '../domain/work-queue.js';
import { findCardVersions } from '../store/cards.js';
import type { Db } from '../store/db.js';
import type { Action } from '../store/schema.js';

const OUTCOME_WORDS: Record<string, string> = {
  reply: 'reply sent',
  send_dm: 'message sent',
  private_reply: 'private reply sent',
  hide: 'comment hidden',
  unhide: 'comment visible again',
  delete: 'comment deleted',
  block: 'author blocked',
  send_template: 'template sent',
};

/** How an action ended, as its card tells it. */
export type SettledOutcome =
  | { status: 'succeeded'; action: Action }
  | { status: 'failed'; action: Action; error: string }
  | { status: 'unknown'; action: Action; reason: string }
  | { status: 'cancelled'; action: Action; by: string };

const wordsFor = (outcome: SettledOutcome): string => {
  const { action } = outcome;
  const what = OUTCOME_WORDS[action.kind] ?? action.kind;
  switch (outcome.status) {
    case 'succeeded':
      return `✅ ${what} (${action.platform} accepted it)`;
    case 'failed':
      return `❌ ${action.platform} refused: ${outcome.error}`;
    case 'unknown':
      return (
        `⚠️ ${what}? The outcome could not be confirmed (${outcome.reason}). ` +
        'Nothing was sent again; press Send again to send it once more.'
      );
    case 'cancelled':
      return `🚫 ${action.kind.replace('_', ' ')} cancelled by ${outcome.by}; it will not be sent.`;
  }
};

/** The card leaves 'acting', says in its thread how the action ended, and is re-rendered (with its message's other cards). */
export const announceActionOutcome = async (deps: { db: Db; queues: WorkQueue }, outcome: SettledOutcome): Promise<void> => {
  const { action } = outcome;
  if (action.card_id) {
    await settleCard(deps.db, action.card_id, outcome.status);
    // The attempt count keeps a later attempt's note apart from an earlier one's.
    const key = `action-${action.id}-${outcome.status}-${action.attempts}`;
    await deps.queues.enqueue('chat', [{ op: 'note', cardId: action.card_id, key, text: wordsFor(outcome) }]);
  }
  if (!action.card_id && !action.message_id) return;
  const cards = await findCardVersions(deps.db, { cardId: action.card_id, messageId: action.message_id });
  await deps.queues.enqueue(
    'chat',
    cards.map((card) => ({ op: 'update' as const, cardId: card.id, version: card.version })),
  );
};
