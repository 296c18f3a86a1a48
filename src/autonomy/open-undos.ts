import type { Decision } from '../domain/decision.js';
import { openUndos } from '../store/autonomy-undos.js';
import type { Db } from '../store/db.js';
import { autoOf } from './apply-autonomy.js';

const REVERSIBLE = new Set(['reply', 'send_dm', 'hide']);

/**
 * Each automatic reply or hide of a rule at `auto` gets its undo, open until `now` plus the rule's
 * window, and logged in `log` (the card channel). Returns the undos whose log line is to be posted.
 */
export const openAutomaticUndos = async (
  trx: Db,
  done: {
    decisions: Decision[];
    actions: { decisionIndex: number; kind: string }[];
    actionIds: string[];
    now: Date;
    log: { chat: string; channel: string } | undefined;
  },
): Promise<string[]> => {
  const undos = done.actions.flatMap((action, index) => {
    const decision = done.decisions[action.decisionIndex];
    const auto = decision ? autoOf(decision) : undefined;
    const actionId = done.actionIds[index];
    if (!decision || !auto || !actionId || !REVERSIBLE.has(action.kind)) return [];
    return [{ actionId, rule: decision.rule, undoUntil: new Date(done.now.getTime() + auto.undoWindowMs), log: done.log }];
  });
  return openUndos(trx, undos);
};
