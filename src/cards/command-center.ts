import type { CardModel } from '../domain/card.js';
import type { WorkQueue } from '../domain/work-queue.js';
import type { Db } from '../store/db.js';
import { loadCardModel } from './load-card-model.js';
import { pressButton, type ButtonPress, type MayPress, type PressDeps, type PressResult } from './press-button.js';

/** What chat adapters call when people act: decide in Postgres, then hand the work to the queue. */
export interface CommandCenter {
  press: (press: ButtonPress) => Promise<PressResult>;
  card: (cardId: string) => Promise<CardModel | undefined>;
  /** Whether this person may press this button (checked before opening a modal, say). */
  mayPress: MayPress;
}

export const createCommandCenter = (deps: PressDeps & { db: Db; queues: WorkQueue }): CommandCenter => ({
  press: async (press) => {
    const result = await pressButton(deps.db, press, deps);
    if (result.outcome !== 'accepted') return result;
    if (result.actionId) await deps.queues.enqueue('platform', [{ actionId: result.actionId }]);
    if (result.escalationId) await deps.queues.enqueue('chat', [{ op: 'escalate', escalationId: result.escalationId }]);
    const card = await deps.db.selectFrom('cards').select('version').where('id', '=', result.cardId).executeTakeFirst();
    if (card) {
      await deps.queues.enqueue('chat', [
        { op: 'update', cardId: result.cardId, version: card.version },
        { op: 'note', cardId: result.cardId, key: `press-v${card.version}`, text: result.note, actor: press.actor },
      ]);
    }
    return result;
  },
  card: (cardId) => loadCardModel(deps.db, cardId, deps.supports),
  mayPress: deps.mayPress,
});
