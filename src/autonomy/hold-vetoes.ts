import type { Decision } from '../domain/decision.js';
import { holdVetoes } from '../store/autonomy-vetoes.js';
import type { Db } from '../store/db.js';
import { vetoOf } from './apply-autonomy.js';

/** A countdown to start once the transaction has committed. */
export interface VetoTimer {
  vetoId: string;
  at: Date;
}

/**
 * A veto decision's reply is held on the message's first card (the one whose draft goes out) until
 * `now` plus the rule's countdown. Nothing is queued for the platform: only the deadline sends it.
 */
export const holdVetoedReplies = async (
  trx: Db,
  held: { messageId: string; conversationId: string; decisions: Decision[]; decisionIds: string[]; cardIds: string[]; now: Date },
): Promise<VetoTimer[]> => {
  const cardId = held.cardIds[0];
  if (!cardId) return [];
  const rows = held.decisions.flatMap((decision, index) => {
    const veto = vetoOf(decision);
    const decisionId = held.decisionIds[index];
    if (!veto || !decisionId) return [];
    return [
      {
        decisionId,
        messageId: held.messageId,
        conversationId: held.conversationId,
        cardId,
        rule: decision.rule,
        deadlineAt: new Date(held.now.getTime() + veto.vetoAfterMs),
      },
    ];
  });
  // One reply goes out per message: the first rule's veto holds it.
  const vetoes = await holdVetoes(trx, rows.slice(0, 1));
  return vetoes.map((veto) => ({ vetoId: veto.id, at: veto.deadline_at }));
};
