import type { ChatName } from '../domain/chat.js';
import { sql } from 'kysely';
import type { CardButton } from '../domain/card.js';
import { writeAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { applyButtonEffects, platformActionFor, PRESS_WORDS } from './button-effects.js';
import type { Supports } from './load-card-model.js';

export interface ButtonPress {
  cardId: string;
  /** The card version the person saw when pressing. */
  version: number;
  button: CardButton;
  /** 'slack:U123' / 'discord:456'. */
  actor: string;
  /** The edited reply, for Edit. */
  text?: string;
}

export type PressResult =
  | { outcome: 'accepted'; cardId: string; actionId: string | undefined; escalationId: string | undefined; note: string }
  | { outcome: 'too_late'; by: string; what: string; at: Date }
  | { outcome: 'refused'; reason: string };

/** Who may press what; answers with the reason when not. */
export type MayPress = (actor: string, button: CardButton) => Promise<{ ok: true } | { ok: false; reason: string }>;

export interface PressDeps {
  supports: Supports;
  mayPress: MayPress;
  escalationChannel: (chat: ChatName) => string | undefined;
}

// These act on the conversation as it is now, so an older card version may still press them.
const VERSIONLESS = new Set<CardButton>(['acknowledge', 'resolve']);
// A lead books a call or buys days after the conversation was resolved.
const AFTER_RESOLVE = new Set<CardButton>(['booked', 'converted']);

/**
 * One press, decided in Postgres: the first press on a card version wins, any other press on that
 * version is told who was first. The platform call itself happens later, through the queue.
 */
export const pressButton = async (db: Db, press: ButtonPress, deps: PressDeps): Promise<PressResult> => {
  const permission = await deps.mayPress(press.actor, press.button);
  if (!permission.ok) {
    await writeAudit(db, [
      {
        actor: press.actor,
        action: `refused:${press.button}`,
        subjectType: 'card',
        subjectId: press.cardId,
        detail: { reason: permission.reason },
      },
    ]);
    return { outcome: 'refused', reason: permission.reason };
  }
  return db.transaction().execute(async (trx) => {
    const card = await trx.selectFrom('cards').selectAll().where('id', '=', press.cardId).forUpdate().executeTakeFirst();
    if (!card) return { outcome: 'refused', reason: 'This card no longer exists.' };
    const tooLate = {
      outcome: 'too_late' as const,
      by: card.last_actor ?? 'someone',
      what: card.last_action ?? 'updated the card',
      at: card.last_acted_at ?? card.updated_at,
    };
    if (card.state === 'acting' || (card.state === 'resolved' && !AFTER_RESOLVE.has(press.button))) return tooLate;
    if (!VERSIONLESS.has(press.button) && card.version !== press.version) return tooLate;
    if (press.button === 'acknowledge') {
      const escalation = await trx.selectFrom('escalations').selectAll().where('card_id', '=', card.id).executeTakeFirst();
      if (!escalation) return { outcome: 'refused', reason: 'This card was never escalated.' };
      if (escalation.acknowledged_at) {
        return { outcome: 'too_late', by: escalation.acknowledged_by ?? 'someone', what: 'acknowledge', at: escalation.acknowledged_at };
      }
    }

    const message = await trx.selectFrom('messages').selectAll().where('id', '=', card.message_id).executeTakeFirstOrThrow();
    const kind = platformActionFor(press.button, message.kind === 'dm');
    if (kind && !deps.supports(message.platform, kind)) {
      return { outcome: 'refused', reason: `${message.platform} does not support ${kind.replace('_', ' ')}.` };
    }
    const text = press.button === 'edit' ? press.text?.trim() : (card.draft ?? undefined);
    if ((press.button === 'approve' || press.button === 'edit') && !text) {
      return { outcome: 'refused', reason: 'There is no reply text to send.' };
    }

    let actionId: string | undefined;
    if (kind) {
      const contact = await trx.selectFrom('contacts').select('external_id').where('id', '=', message.contact_id).executeTakeFirstOrThrow();
      const account = await trx.selectFrom('accounts').select('external_id').where('id', '=', message.account_id).executeTakeFirstOrThrow();
      const inserted = await trx
        .insertInto('actions')
        .values({
          idempotency_key: `card-${card.id}-v${card.version}-${press.button}`,
          kind,
          platform: message.platform,
          target: kind === 'block' || kind === 'send_dm' ? contact.external_id : message.external_id,
          payload: JSON.stringify({ accountId: account.external_id, text: text ?? null, via: press.button }),
          requested_by: press.actor,
          conversation_id: card.conversation_id,
          message_id: message.id,
          card_id: card.id,
        })
        .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return tooLate;
      actionId = inserted.id;
    }
    const effects = await applyButtonEffects(press.button, {
      trx,
      card,
      actor: press.actor,
      messageId: message.id,
      contactId: message.contact_id,
      conversationId: card.conversation_id,
      escalationChannel: deps.escalationChannel(card.chat),
    });
    await trx
      .updateTable('cards')
      .set({
        version: sql`version + 1`,
        state: kind ? 'acting' : press.button === 'resolve' ? 'resolved' : card.state === 'failed' ? 'open' : card.state,
        last_action: press.button,
        last_actor: press.actor,
        last_acted_at: sql`now()`,
        ...(press.button === 'edit' && text ? { draft: text, draft_source: 'edited' } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', card.id)
      .execute();
    await writeAudit(trx, [
      {
        actor: press.actor,
        action: `pressed:${press.button}`,
        subjectType: 'card',
        subjectId: card.id,
        detail: { version: press.version, actionId: actionId ?? null, ...(press.button === 'edit' ? { text } : {}) },
      },
    ]);
    return { outcome: 'accepted', cardId: card.id, actionId, escalationId: effects.escalationId, note: PRESS_WORDS[press.button] };
  });
};

/** After its action settles, the card leaves 'acting': open again, or failed with the buttons back for a retry. */
export const settleCard = async (db: Db, cardId: string, succeeded: boolean): Promise<void> => {
  await db
    .updateTable('cards')
    .set({ state: succeeded ? 'open' : 'failed', version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', cardId)
    .where('state', '=', 'acting')
    .execute();
};
