import { loadCardModel } from '../cards/load-card-model.js';
import { pressButton, type PressDeps } from '../cards/press-button.js';
import { pressUndo } from '../autonomy/press-undo.js';
import type { CardModel } from '../domain/card.js';
import type { ButtonPress, PermissionAnswer, Presser, PressResult } from '../domain/press.js';
import type { WorkQueue } from '../domain/work-queue.js';
import { authorizeCommand } from '../roles/authorize-command.js';
import { authorizePress } from '../roles/authorize-press.js';
import { findCardVersion } from '../store/cards.js';
import type { Db } from '../store/db.js';

/** What chat adapters call when people act: decide in Postgres, then hand the work to the queue. */
export interface CommandCenter {
  press: (press: ButtonPress) => Promise<PressResult>;
  card: (cardId: string) => Promise<CardModel | undefined>;
  /** Whether this press would count (checked before opening a form, say); a refusal is audited. */
  mayPress: (press: Omit<ButtonPress, 'text'>) => Promise<PermissionAnswer>;
  /** Whether this person may run a report command; the run or the refusal is audited. */
  mayRun: (who: Presser, command: { name: string; args: string }) => Promise<PermissionAnswer>;
}

export type CommandCenterDeps = PressDeps & { db: Db; queues: WorkQueue };

/** An accepted press: the platform call, the escalation, then the card's new look and a line in its thread. */
const enqueueFollowUps = async (deps: CommandCenterDeps, press: ButtonPress, result: PressResult & { outcome: 'accepted' }) => {
  if (result.actionId) await deps.queues.enqueue('platform', [{ actionId: result.actionId }]);
  await deps.queues.enqueue(
    'chat',
    (result.posts ?? []).map((post) => ({ op: 'post' as const, ...post })),
  );
  await deps.queues.enqueue(
    'chat',
    result.escalationIds.map((escalationId) => ({ op: 'escalate' as const, escalationId })),
  );
  const version = await findCardVersion(deps.db, result.cardId);
  if (version !== undefined) {
    await deps.queues.enqueue('chat', [
      { op: 'update', cardId: result.cardId, version },
      { op: 'note', cardId: result.cardId, key: `press-v${version}`, text: result.note, actor: press.actor },
    ]);
  }
};

const undo = async (deps: CommandCenterDeps, press: ButtonPress): Promise<PressResult> => {
  const result = await pressUndo(deps, press);
  if (result.outcome === 'accepted' && result.actionId) {
    await deps.queues.enqueue('platform', [{ actionId: result.actionId }]);
    await deps.queues.enqueue('chat', [{ op: 'log', undoId: result.cardId, state: 'undone' }]);
  }
  return result;
};

export const createCommandCenter = (deps: CommandCenterDeps): CommandCenter => ({
  press: async (press) => {
    // Undo lives on a log line, not on a card: its button names the undo, and it is decided on its own.
    if (press.button === 'undo') return undo(deps, press);
    const result = await pressButton(deps.db, press, deps);
    if (result.outcome === 'accepted') await enqueueFollowUps(deps, press, result);
    return result;
  },
  card: (cardId) => loadCardModel(deps.db, cardId, deps.supports),
  mayPress: (press) => authorizePress(deps.db, press, deps.mayPress),
  mayRun: (who, command) => authorizeCommand(deps.db, deps.mayPress, who, command),
});
