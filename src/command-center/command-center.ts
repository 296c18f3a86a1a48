import { loadCardModel } from '../cards/load-card-model.js';
import { pressButton, type PressDeps } from '../cards/press-button.js';
import type { CardModel } from '../domain/card.js';
import type { ButtonPress, MayPress, PressResult } from '../domain/press.js';
import type { WorkQueue } from '../domain/work-queue.js';
import { findCardVersion } from '../store/cards.js';
import type { Db } from '../store/db.js';

/** What chat adapters call when people act: decide in Postgres, then hand the work to the queue. */
export interface CommandCenter {
  press: (press: ButtonPress) => Promise<PressResult>;
  card: (cardId: string) => Promise<CardModel | undefined>;
  /** Whether this person may press this button (checked before opening a modal, say). */
  mayPress: MayPress;
}

export type CommandCenterDeps = PressDeps & { db: Db; queues: WorkQueue };

/** An accepted press: the platform call, the escalation, then the card's new look and a line in its thread. */
const enqueueFollowUps = async (deps: CommandCenterDeps, press: ButtonPress, result: PressResult & { outcome: 'accepted' }) => {
  if (result.actionId) await deps.queues.enqueue('platform', [{ actionId: result.actionId }]);
  if (result.escalationId) await deps.queues.enqueue('chat', [{ op: 'escalate', escalationId: result.escalationId }]);
  const version = await findCardVersion(deps.db, result.cardId);
  if (version !== undefined) {
    await deps.queues.enqueue('chat', [
      { op: 'update', cardId: result.cardId, version },
      { op: 'note', cardId: result.cardId, key: `press-v${version}`, text: result.note, actor: press.actor },
    ]);
  }
};

export const createCommandCenter = (deps: CommandCenterDeps): CommandCenter => ({
  press: async (press) => {
    const result = await pressButton(deps.db, press, deps);
    if (result.outcome === 'accepted') await enqueueFollowUps(deps, press, result);
    return result;
  },
  card: (cardId) => loadCardModel(deps.db, cardId, deps.supports),
  mayPress: deps.mayPress,
});
