import type { Supports } from '../cards/load-card-model.js';
import { loadCardModel } from '../cards/load-card-model.js';
import type { ChatName, ChatAdapter } from '../domain/chat.js';
import type { WorkQueue } from '../domain/work-queue.js';
import { findCardPlacement } from '../store/cards.js';
import type { Db } from '../store/db.js';
import {
  findEscalation,
  findUnacknowledgedEscalations,
  isEscalatedConversationResolved,
  markAlertAttempt,
  recordAlertMessage,
  recordEscalationPing,
} from '../store/escalations.js';
import type { Escalation } from '../store/schema.js';
import { directMessageChat, quietDelayMs, type EscalationPolicy } from './policy.js';

export interface EscalationDeps {
  db: Db;
  chats: ReadonlyMap<string, ChatAdapter>;
  queues: WorkQueue;
  supports: Supports;
  policy: EscalationPolicy;
  /** Who is pinged, in the chat's own syntax (`SLACK_ESCALATION_MENTION`). */
  mentionFor: (chat: ChatName) => string | undefined;
  now: () => Date;
}

const minutes = (n: number) => n * 60_000;

const scheduleStep = async (deps: EscalationDeps, escalationId: string, createdAt: Date, step: number) => {
  const offset = deps.policy.ladderMinutes[step - 1];
  if (offset === undefined) return;
  await deps.queues.schedule({ kind: 'escalation_ping', escalationId, step }, new Date(createdAt.getTime() + minutes(offset)));
};

/**
 * Post the escalation in its chat with a real mention (so phones ring) and start the re-ping ladder — once:
 * a retry after an attempt whose answer was lost (the worker died, the network dropped it)
 * first looks for the alert in the channel. Job ids keep two posts of one alert from running at once.
 */
export const postEscalation = async (deps: EscalationDeps, escalationId: string): Promise<'posted' | 'found' | 'already' | 'missing'> => {
  const escalation = await markAlertAttempt(deps.db, escalationId);
  if (!escalation) return 'missing';
  if (escalation.alert_message_id) return 'already';
  const chat = deps.chats.get(escalation.chat);
  if (chat && escalation.previous_attempt) {
    const existing = await chat.findAlert(escalation.channel, escalation.card_id, escalation.previous_attempt);
    if (existing) {
      await recordAlert(deps, escalation, existing);
      return 'found';
    }
  }
  const model = await loadCardModel(deps.db, escalation.card_id, deps.supports, { now: deps.now });
  if (!chat || !model) return 'missing';
  // The alert links to the card as this chat shows it.
  const card = await findCardPlacement(deps.db, escalation.card_id, escalation.chat);
  const url = card?.chat_message_id ? await chat.permalink(card.channel, card.chat_message_id) : undefined;
  const quiet = escalation.priority !== 'urgent' && quietDelayMs(deps.policy, deps.now()) > 0;
  const mention = quiet ? undefined : deps.mentionFor(escalation.chat);
  const alertId = await chat.postAlert(escalation.channel, {
    cardId: escalation.card_id,
    version: model.version,
    ...(mention ? { mention } : {}),
    title: `Escalated: ${model.headline}`,
    lines: [`Why: ${escalation.reason}`, 'Press Acknowledge so the re-pings stop.'],
    ...(url ? { link: { url, label: 'Open the card' } } : {}),
    buttons: ['acknowledge', 'resolve'],
  });
  await recordAlert(deps, escalation, alertId);
  return 'posted';
};

const recordAlert = async (deps: EscalationDeps, escalation: Escalation, alertId: string) => {
  await recordAlertMessage(deps.db, escalation.id, alertId);
  await scheduleStep(deps, escalation.id, escalation.created_at, 1);
};

/**
 * One rung of the ladder in one chat: ping again unless someone acknowledged or resolved it (in any chat:
 * Acknowledge marks every chat's row at once); DM the next person at the end.
 */
export const pingEscalation = async (
  deps: EscalationDeps,
  escalationId: string,
  step: number,
): Promise<'pinged' | 'stopped' | 'deferred' | 'missing'> => {
  const escalation = await findEscalation(deps.db, escalationId);
  if (!escalation) return 'missing';
  const resolved = await isEscalatedConversationResolved(deps.db, escalation.conversation_id);
  if (escalation.acknowledged_at || resolved) return 'stopped';
  const chat = deps.chats.get(escalation.chat);
  if (!chat || !escalation.alert_message_id) return 'missing';

  const wait = escalation.priority === 'urgent' ? 0 : quietDelayMs(deps.policy, deps.now());
  if (wait > 0) {
    await deps.queues.schedule({ kind: 'escalation_ping', escalationId, step: step + 100 }, new Date(deps.now().getTime() + wait));
    return 'deferred';
  }
  const rung = step > 100 ? step - 100 : step;
  const elapsed = Math.round((deps.now().getTime() - escalation.created_at.getTime()) / 60_000);
  const mention = deps.mentionFor(escalation.chat);
  await chat.postNote(escalation.channel, escalation.alert_message_id, {
    ...(mention ? { mention } : {}),
    text: `Still not acknowledged after ${elapsed} min (reminder ${rung} of ${deps.policy.ladderMinutes.length}).`,
  });
  await recordEscalationPing(deps.db, escalationId);
  if (rung < deps.policy.ladderMinutes.length) {
    await scheduleStep(deps, escalationId, escalation.created_at, rung + 1);
  } else if (deps.policy.thenDirectMessage && (directMessageChat(deps.policy.thenDirectMessage) ?? escalation.chat) === escalation.chat) {
    const url = await chat.permalink(escalation.channel, escalation.alert_message_id);
    await chat.directMessage(deps.policy.thenDirectMessage, {
      text: `An escalation has waited ${elapsed} min with nobody acknowledging it.`,
      ...(url ? { link: { url, label: 'Open it' } } : {}),
    });
  }
  return 'pinged';
};

/** After a restart or a Redis loss: unacknowledged escalations get their next rung back. */
export const rebuildEscalationTimers = async (deps: EscalationDeps): Promise<number> => {
  const open = await findUnacknowledgedEscalations(deps.db);
  for (const escalation of open) {
    if (!escalation.alert_message_id) {
      await deps.queues.enqueue('chat', [{ op: 'escalate', escalationId: escalation.id }]);
    } else {
      await scheduleStep(deps, escalation.id, escalation.created_at, escalation.pings + 1);
    }
  }
  return open.length;
};
