import type { ButtonPress, PressResult } from '../domain/press.js';
import { writeAudit } from '../store/audit.js';
import { decideVeto, findMessageVeto, type Veto } from '../store/autonomy-vetoes.js';
import { markCardPressed } from '../store/cards.js';
import type { Db } from '../store/db.js';
import type { Card } from '../store/schema.js';

const WORDS = 'stopped the reply; it will not be sent';

const WHAT_HAPPENED: Record<Veto['state'], string> = {
  pending: 'answered it already',
  stopped: WORDS,
  sent: 'sent the reply at its deadline',
  superseded: 'answered it already',
  demoted: 'put the rule back to draft before the deadline; the reply was not sent',
};

/** Someone decided first: the same words for everyone who presses after them. */
const decidedAnswer = (veto: Veto): PressResult => ({
  outcome: 'too_late',
  by: veto.decided_by ?? 'someone',
  what: WHAT_HAPPENED[veto.state],
  at: veto.decided_at ?? veto.created_at,
});

/**
 * Stop on a veto card, decided in Postgres against the deadline's send: the conditional update that
 * moves the veto out of 'pending' happens once, so either the reply is stopped or it was sent.
 */
export const stopVeto = async (trx: Db, card: Card, press: ButtonPress, now: Date): Promise<PressResult> => {
  const veto = await findMessageVeto(trx, card.message_id);
  if (!veto) return { outcome: 'refused', reason: 'This card has no reply waiting to be sent.' };
  const stopped = await decideVeto(trx, veto.id, { state: 'stopped', by: press.actor, at: now });
  if (!stopped) return decidedAnswer((await findMessageVeto(trx, card.message_id)) ?? veto);
  await markCardPressed(trx, card.id, { state: card.state, button: 'stop', actor: press.actor });
  await writeAudit(trx, [
    {
      actor: press.actor,
      action: 'autonomy:stop',
      subjectType: 'card',
      subjectId: card.id,
      detail: {
        vetoId: veto.id,
        rule: veto.rule,
        why: 'stopped the rule’s reply before its deadline',
        deadline: veto.deadline_at.toISOString(),
      },
    },
  ]);
  return { outcome: 'accepted', cardId: card.id, actionId: undefined, escalationIds: [], note: WORDS };
};
