import type { ChatAdapter } from '../domain/chat.js';
import { NotYetError } from '../errors.js';
import type { WorkQueue } from '../domain/work-queue.js';
import { findConversationPlacements } from '../store/cards.js';
import type { Db } from '../store/db.js';
import { findOpenSlaDeadlines, findSlaConversation, markSlaNotice, type SlaNotice } from '../store/sla-timers.js';

export interface SlaDeps {
  db: Db;
  chats: ReadonlyMap<string, ChatAdapter>;
  queues: WorkQueue;
}

const stillWaiting = (conversation: { state: string; first_response_at: Date | null }) =>
  conversation.first_response_at === null && conversation.state !== 'resolved' && conversation.state !== 'ignored';

/** The warning and breach timers of a conversation that just got a deadline (pure). */
export const slaTimers = (conversation: { id: string; sla_warn_at: Date | null; sla_deadline_at: Date | null }) => [
  ...(conversation.sla_warn_at
    ? [{ payload: { kind: 'sla_warn' as const, conversationId: conversation.id }, at: conversation.sla_warn_at }]
    : []),
  ...(conversation.sla_deadline_at
    ? [{ payload: { kind: 'sla_breach' as const, conversationId: conversation.id }, at: conversation.sla_deadline_at }]
    : []),
];

/** Start the warning and breach timers of a conversation that just got a deadline. */
export const scheduleSlaTimers = async (
  queues: WorkQueue,
  conversation: { id: string; sla_warn_at: Date | null; sla_deadline_at: Date | null },
) => {
  await queues.scheduleMany(slaTimers(conversation));
};

/** A warning or breach notice in the card's thread, mentioning the assignee or the channel; once each. */
export const notifySla = async (
  deps: SlaDeps,
  conversationId: string,
  kind: SlaNotice,
): Promise<'sent' | 'answered' | 'already' | 'no_card'> => {
  const conversation = await findSlaConversation(deps.db, conversationId);
  if (!conversation || !stillWaiting(conversation)) return 'answered';
  const cards = await findConversationPlacements(deps.db, conversationId);
  // The notice belongs in the card's thread in every chat: wait (job retry) until the card is posted in each.
  if (cards.some((card) => card.chat_message_id === null))
    throw new NotYetError(`conversation ${conversationId}: card not posted yet; the SLA notice waits for it`);
  if (!(await markSlaNotice(deps.db, conversationId, kind))) return 'already';
  if (cards.length === 0) return 'no_card';
  const due = conversation.sla_deadline_at?.toISOString().replace(/\.\d{3}Z$/u, 'Z') ?? 'now';
  for (const card of cards) {
    const chat = deps.chats.get(card.chat);
    if (!chat) continue;
    await chat.postNote(card.channel, card.chat_message_id!, {
      mention: chat.mention(conversation.assignee ?? 'here'),
      text:
        kind === 'warn'
          ? `⏳ SLA warning: no reply yet; the response target is ${due}.`
          : `🔥 SLA breached: the response target passed at ${due} with no reply.`,
    });
  }
  return 'sent';
};

/** After a restart or a Redis loss: every open deadline gets its timers back (job ids make this idempotent). */
export const rebuildSlaTimers = async (deps: SlaDeps): Promise<number> => {
  const open = await findOpenSlaDeadlines(deps.db);
  for (const conversation of open) {
    await scheduleSlaTimers(deps.queues, { ...conversation, sla_warn_at: conversation.sla_warned_at ? null : conversation.sla_warn_at });
  }
  return open.length;
};
