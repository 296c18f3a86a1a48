import { loadCardModel } from '../cards/load-card-model.js';
import { pressButton, type PressDeps } from '../cards/press-button.js';
import { pressUndo } from '../autonomy/press-undo.js';
import { NO_LONGER_APPLIES, pressSuggestion } from '../autonomy/press-suggestion.js';
import type { LevelBook } from '../autonomy/level-book.js';
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

export type CommandCenterDeps = PressDeps & {
  db: Db;
  queues: WorkQueue;
  /** Promote / Not now on autonomy suggestions: the levels they change, and how long Not now lasts. */
  autonomy?: { levels: LevelBook; notNowMs: number };
};

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
      // The press may have changed its rules' figures (an approval, an edit, a Stop): promote, demote or hold.
      { op: 'review', key: `card-${result.cardId}-v${version}`, cardId: result.cardId },
    ]);
  }
};

const undo = async (deps: CommandCenterDeps, press: ButtonPress): Promise<PressResult> => {
  const result = await pressUndo(deps, press);
  if (result.outcome === 'accepted' && result.actionId) {
    await deps.queues.enqueue('platform', [{ actionId: result.actionId }]);
    await deps.queues.enqueue('chat', [
      { op: 'log', undoId: result.cardId, state: 'undone' },
      { op: 'review', key: `undo-${result.cardId}`, undoId: result.cardId },
    ]);
  }
  return result;
};

/** Promote / Not now on a suggestion: decided on its own; every chat's copy is redrawn with the outcome. */
const suggestion = async (deps: CommandCenterDeps, press: ButtonPress): Promise<PressResult> => {
  if (!deps.autonomy) return { outcome: 'refused', reason: 'Autonomy suggestions are not set up here.' };
  const result = await pressSuggestion(
    { db: deps.db, mayPress: deps.mayPress, ...deps.autonomy, ...(deps.now ? { now: deps.now } : {}) },
    press,
  );
  if (result.outcome === 'accepted' || (result.outcome === 'refused' && result.reason.includes(NO_LONGER_APPLIES))) {
    await deps.queues.enqueue('chat', [{ op: 'suggestion', suggestionId: press.cardId, state: 'update' }]);
  }
  return result;
};

export const createCommandCenter = (deps: CommandCenterDeps): CommandCenter => ({
  press: async (press) => {
    // Undo lives on a log line, not on a card: its button names the undo, and it is decided on its own.
    if (press.button === 'undo') return undo(deps, press);
    if (press.button === 'promote' || press.button === 'not_now') return suggestion(deps, press);
    const result = await pressButton(deps.db, press, deps);
    if (result.outcome === 'accepted') await enqueueFollowUps(deps, press, result);
    return result;
  },
  card: (cardId) => loadCardModel(deps.db, cardId, deps.supports),
  mayPress: (press) => authorizePress(deps.db, press, deps.mayPress),
  mayRun: (who, command) => authorizeCommand(deps.db, deps.mayPress, who, command),
});
