import type { WorkQueue } from '../domain/work-queue.js';
import { NotYetError } from '../errors.js';
import { findActionParties, insertPressAction } from '../store/actions.js';
import { writeAudit } from '../store/audit.js';
import { findOverlay } from '../store/autonomy-overlays.js';
import {
  bumpCardVersions,
  decideVeto,
  findPendingVetoes,
  findVeto,
  hasPersonReply,
  linkVetoAction,
  type Veto,
} from '../store/autonomy-vetoes.js';
import { lockCard, markCardPressed, recordDraftOutcome } from '../store/cards.js';
import type { Db } from '../store/db.js';
import { findPressedMessage } from '../store/messages.js';
import type { Card } from '../store/schema.js';

export interface VetoDeps {
  db: Db;
  queues: WorkQueue;
  /** The clock the deadline is measured against. */
  now: () => Date;
}

export type ReleaseOutcome = 'sent' | 'stopped' | 'superseded' | 'demoted' | 'missing';

/** The held reply becomes a stored action on the card, as if approved by the rule: one key per veto. */
const sendHeldReply = async (trx: Db, veto: Veto, text: string) => {
  const message = await findPressedMessage(trx, veto.message_id);
  const parties = await findActionParties(trx, message);
  const isDm = message.kind === 'dm';
  return insertPressAction(trx, {
    idempotencyKey: `veto-${veto.id}`,
    kind: isDm ? 'send_dm' : 'reply',
    platform: message.platform,
    target: isDm ? parties.contactExternalId : message.external_id,
    payload: { accountId: parties.accountExternalId, text, via: 'veto' },
    requestedBy: `rule:${veto.rule}`,
    conversationId: veto.conversation_id,
    messageId: veto.message_id,
    cardId: veto.card_id,
  });
};

/** People moved on before the deadline: the draft was erased, the conversation resolved, or a person replied through a card. */
const overtaken = async (trx: Db, card: Card, veto: Veto): Promise<boolean> =>
  !card.draft || card.redacted_at !== null || card.state === 'resolved' || (await hasPersonReply(trx, veto.message_id));

/** At the deadline, in one transaction (the card locked first, as a press locks it, so the two never deadlock): the veto moves to 'sent' (unless Stop got there first) and its action is stored. */
const decideRelease = (deps: VetoDeps, vetoId: string) =>
  deps.db
    .transaction()
    .execute(async (trx): Promise<{ outcome: ReleaseOutcome; actionId?: string; card?: { id: string; version: number } }> => {
      const veto = await findVeto(trx, vetoId);
      if (!veto) return { outcome: 'missing' };
      if (veto.state !== 'pending') return { outcome: veto.state === 'sent' ? 'sent' : veto.state };
      const now = deps.now();
      if (now.getTime() < veto.deadline_at.getTime()) throw new NotYetError(`veto ${vetoId} fired before its deadline; it waits`);
      const card = await lockCard(trx, veto.card_id);
      const rule = `rule:${veto.rule}`;
      // Held by a process that had not yet seen the rule's demotion: it ends as the demotion ends the others.
      const overlay = await findOverlay(trx, veto.rule);
      if (overlay?.level === 'draft') {
        const demoted = await decideVeto(trx, vetoId, { state: 'demoted', by: overlay.set_by, at: now });
        if (!demoted) return { outcome: 'stopped' };
        const [bumped] = await bumpCardVersions(trx, [veto.card_id]);
        return { outcome: 'demoted', ...(bumped ? { card: bumped } : {}) };
      }
      if (!card || (await overtaken(trx, card, veto))) {
        const moved = await decideVeto(trx, vetoId, { state: 'superseded', by: rule, at: now });
        return { outcome: moved ? 'superseded' : 'stopped' };
      }
      const decided = await decideVeto(trx, vetoId, { state: 'sent', by: rule, at: now, dueBy: now });
      if (!decided) return { outcome: 'stopped' };
      const actionId = await sendHeldReply(trx, veto, card.draft ?? '');
      if (actionId) await linkVetoAction(trx, vetoId, actionId);
      await markCardPressed(trx, card.id, { state: 'acting', button: 'send', actor: rule });
      await recordDraftOutcome(trx, card.id, 'approved');
      await writeAudit(trx, [
        {
          actor: rule,
          action: 'autonomy:veto_sent',
          subjectType: 'card',
          subjectId: card.id,
          detail: { vetoId, actionId: actionId ?? null },
        },
      ]);
      return { outcome: 'sent', ...(actionId ? { actionId } : {}), card: { id: card.id, version: card.version + 1 } };
    });

/**
 * The veto timer: sends the held reply exactly once, unless it was stopped. A timer that fires
 * early (a clock apart) waits; a second firing finds the veto decided and does nothing.
 */
export const releaseVeto = async (deps: VetoDeps, vetoId: string): Promise<ReleaseOutcome> => {
  const released = await decideRelease(deps, vetoId);
  if (released.actionId) await deps.queues.enqueue('platform', [{ actionId: released.actionId }]);
  // The card loses its countdown and Stop now, not only once the platform has answered.
  if (released.card) await deps.queues.enqueue('chat', [{ op: 'update', cardId: released.card.id, version: released.card.version }]);
  // A reply sent untouched counts towards the rule's next level.
  if (released.outcome === 'sent' && released.card)
    await deps.queues.enqueue('chat', [{ op: 'review', key: `veto-${vetoId}`, cardId: released.card.id }]);
  return released.outcome;
};

/** After a restart or a Redis loss: every countdown still running gets its timer back (job ids make this idempotent). */
export const rebuildVetoTimers = async (deps: Pick<VetoDeps, 'db' | 'queues'>): Promise<number> => {
  const pending = await findPendingVetoes(deps.db);
  await deps.queues.scheduleMany(
    pending.map((veto) => ({ payload: { kind: 'veto_send' as const, vetoId: veto.id }, at: veto.deadline_at })),
  );
  return pending.length;
};
