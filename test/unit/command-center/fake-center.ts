import type { CommandCenter } from '../../../src/command-center/command-center.js';
import type { CardModel } from '../../../src/domain/card.js';
import type { ButtonPress, PressResult } from '../../../src/domain/press.js';

/** An in-memory command center: it records presses and answers with what the test set. */
export const fakeCenter = (options: { cards?: CardModel[]; mayPress?: CommandCenter['mayPress']; result?: PressResult } = {}) => {
  const presses: ButtonPress[] = [];
  const center: CommandCenter = {
    press: async (press) => {
      presses.push(press);
      return options.result ?? { outcome: 'accepted', cardId: press.cardId, actionId: undefined, escalationIds: [], note: 'done' };
    },
    card: async (cardId) => options.cards?.find((card) => card.cardId === cardId),
    mayPress: options.mayPress ?? (async () => ({ ok: true })),
    mayRun: async () => ({ ok: true }),
  };
  return { center, presses };
};

export const sampleCard = (cardId: string): CardModel => ({
  cardId,
  version: 3,
  headline: 'Refund request',
  platform: 'facebook',
  accountName: 'Acme Shoes',
  author: { name: 'Buyer', recentMessages: 1, pastHandoffs: 0, tags: [] },
  message: { text: 'I want a refund', thread: [] },
  reasons: [],
  priority: 'normal',
  draft: { text: 'Sorry to hear that!', source: 'refund' },
  buttons: ['approve', 'edit'],
  history: [],
  state: 'open',
});
