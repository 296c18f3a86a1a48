import { sql } from 'kysely';
import type { Supports } from '../cards/load-card-model.js';
import { loadCardModel } from '../cards/load-card-model.js';
import type { ChatName, ChatAdapter } from '../domain/chat.js';
import type { WorkQueue } from '../domain/work-queue.js';
import type { Db } from '../store/db.js';
import type { Escalation } from '../store/schema.js';
import { quietDelayMs, type EscalationPolicy } from './policy.js';

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
 * Post the escalation with a real mention (so phones ring) and start the re-ping ladder — once:
 * a retry after an attempt whose answer was lost (the worker died, the network dropped it)
 * first looks for the alert in the channel. Job ids keep two posts of one alert from running at once.
 */
export const postEscalation = async (deps: EscalationDeps, escalationId: string): Promise<'posted' | 'found' | 'already' | 'missing'> => {
  // Marks the attempt and returns the escalation as it was before, in one statement.
  const { rows } = await sql<Escalation & { previous_attempt: Date | null }>`
    UPDATE escalations SET alert_attempted_at = coalesce(escalations.alert_attempted_at, now())
    FROM (SELECT id, alert_attempted_at AS previous_attempt FROM escalations WHERE id = ${escalationId} FOR UPDATE) AS before
    WHERE escalations.id = before.id
    RETURNING escalations.*, before.previous_attempt
  `.execute(deps.db);
  const escalation = rows[0];
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
  const model = await loadCardModel(deps.db, escalation.card_id, deps.supports);
  if (!chat || !model) return 'missing';
  const card = await deps.db
    .selectFrom('cards')
    .select(['channel', 'chat_message_id'])
    .where('id', '=', escalation.card_id)
    .executeTakeFirstOrThrow();
  const url = card.chat_message_id ? await chat.permalink(card.channel, card.chat_message_id) : undefined;
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
  await deps.db
    .updateTable('escalations')
    .set({ alert_message_id: alertId })
    .where('id', '=', escalation.id)
    .where('alert_message_id', 'is', null)
    .execute();
  await scheduleStep(deps, escalation.id, escalation.created_at, 1);
};

/** One rung of the ladder: ping again unless someone acknowledged or resolved it; DM the next person at the end. */
export const pingEscalation = async (
  deps: EscalationDeps,
  escalationId: string,
  step: number,
): Promise<'pinged' | 'stopped' | 'deferred' | 'missing'> => {
  const escalation = await deps.db.selectFrom('escalations').selectAll().where('id', '=', escalationId).executeTakeFirst();
  if (!escalation) return 'missing';
  const conversation = await deps.db
    .selectFrom('conversations')
    .select(['state'])
    .where('id', '=', escalation.conversation_id)
    .executeTakeFirstOrThrow();
  if (escalation.acknowledged_at || conversation.state === 'resolved') return 'stopped';
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
  await deps.db
    .updateTable('escalations')
    .set({ pings: sql`pings + 1`, last_ping_at: sql`now()` })
    .where('id', '=', escalationId)
    .execute();
  if (rung < deps.policy.ladderMinutes.length) {
    await scheduleStep(deps, escalationId, escalation.created_at, rung + 1);
  } else if (deps.policy.thenDirectMessage) {
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
  const open = await deps.db
    .selectFrom('escalations')
    .select(['id', 'created_at', 'pings', 'alert_message_id'])
    .where('acknowledged_at', 'is', null)
    .execute();
  for (const escalation of open) {
    if (!escalation.alert_message_id) {
      await deps.queues.enqueue('chat', [{ op: 'escalate', escalationId: escalation.id }]);
    } else {
      await scheduleStep(deps, escalation.id, escalation.created_at, escalation.pings + 1);
    }
  }
  return open.length;
};
