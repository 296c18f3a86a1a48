import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import type { ActionToCreate } from '../store/actions.js';
import type { CardToOpen } from '../store/cards.js';
import type { ConversationChange, ConversationDeadlines } from '../store/decisions.js';
import type { NewEscalation } from '../store/escalations.js';
import type { StoredMessage } from '../store/messages.js';
import { cardTargets } from './card-routing.js';
import { conversationChange } from './conversation-change.js';
import type { OpenedCard, PipelineDeps, PipelineOutcome } from './pipeline-types.js';
import { cardDraft, contactTags, needsCard, planAutomaticActions, type PlannedAction } from './plan-actions.js';

/*
 * What a message's decisions call for, worked out without I/O: the per-event path
 * (decide-and-record.ts) and the batch path (ingest-run.ts) write the same plan, one message at a
 * time or many messages per statement.
 */

const isReply = (action: PlannedAction) => action.kind === 'reply' || action.kind === 'send_dm';

/** The automatic actions the platform's client can perform, and whether a reply is left that it cannot send. */
export const automaticActions = (deps: Pick<PipelineDeps, 'platformClients'>, message: Message, decisions: Decision[]) => {
  const client = deps.platformClients.get(message.platform);
  const planned = planAutomaticActions(message, decisions);
  const supported = planned.filter((action) => client?.supports(message.platform, action.kind, message.kind));
  return { supported, unsentReply: planned.some(isReply) && !supported.some(isReply) };
};

/** The action rows for the planned actions; `keyPrefix` names the decision round, so each round acts once. */
export const actionRows = (
  message: Message,
  stored: StoredMessage,
  decisions: Decision[],
  decisionIds: string[],
  actions: PlannedAction[],
  keyPrefix = `msg-${stored.messageId}`,
): ActionToCreate[] =>
  actions.map((action) => ({
    idempotencyKey: `${keyPrefix}-${action.kind}-${action.decisionIndex}`,
    kind: action.kind,
    platform: message.platform,
    // A DM goes to the person; everything else acts on the comment.
    target: action.kind === 'send_dm' ? message.author.id : message.externalId,
    payload: { accountId: message.accountId, text: action.text ?? null },
    requestedBy: `rule:${decisions[action.decisionIndex]!.rule}`,
    conversationId: stored.conversationId,
    messageId: stored.messageId,
    decisionId: decisionIds[action.decisionIndex]!,
  }));

/** The message's one card, for every chat its rules route it to; an auto-reply is a reason only when it could not be sent. */
/**
 * A decision's reasons on its card: its own rule, and each rule whose handoff or escalation the engine
 * merged into it (`alsoRules`) — so a merged rule still routes the card to its chats, shows in its why,
 * and a post-scope handoff merged into another rule's handoff still makes the card its post's storm card.
 */
export const cardReasons = (decision: Decision): { rule: string; kind: string; matched: string[] }[] => {
  const also = Array.isArray(decision.detail?.alsoRules) ? (decision.detail.alsoRules as unknown[]) : [];
  return [
    { rule: decision.rule, kind: decision.kind, matched: decision.matched },
    ...also.filter((rule): rule is string => typeof rule === 'string').map((rule) => ({ rule, kind: decision.kind, matched: [] })),
  ];
};

export const cardToOpen = (
  deps: Pick<PipelineDeps, 'cardRouting'>,
  message: Message,
  stored: StoredMessage,
  decisions: Decision[],
  priority: string,
  unsentReply: boolean,
): CardToOpen => {
  const draft = cardDraft(decisions);
  const reasons = decisions.filter((decision) => decision.kind !== 'auto_reply' || unsentReply).flatMap(cardReasons);
  return {
    conversationId: stored.conversationId,
    messageId: stored.messageId,
    placements: cardTargets(deps.cardRouting, reasons, message),
    priority,
    draft: { text: draft?.text ?? null, source: draft?.source ?? null },
    reasons,
  };
};

const escalationReason = (escalate: Decision): string =>
  String(escalate.detail?.reason ?? `rule ${escalate.rule}${escalate.matched.length > 0 ? ` (“${escalate.matched.join('”, “')}”)` : ''}`);

/** A rule's escalation rings in every chat of the new card that has an escalation channel; one acknowledgement stops them all. */
export const ruleEscalations = (
  deps: Pick<PipelineDeps, 'escalationChannel'>,
  stored: StoredMessage,
  decisions: Decision[],
  cards: OpenedCard[],
): NewEscalation[] => {
  const escalate = decisions.find((decision) => decision.kind === 'escalate');
  if (!escalate) return [];
  return cards.flatMap((card) =>
    card.chats.flatMap((chat) => {
      const channel = deps.escalationChannel(chat);
      return channel
        ? [
            {
              conversationId: stored.conversationId,
              cardId: card.cardId,
              chat,
              channel,
              reason: escalationReason(escalate),
              priority: escalate.priority ?? 'urgent',
              escalatedBy: `rule:${escalate.rule}`,
            },
          ]
        : [];
    }),
  );
};

/** Where automatic actions are logged (with Undo): the first configured chat's card channel for the message's account. */
export const logPlace = (deps: Pick<PipelineDeps, 'cardRouting'>, message: Message) => {
  const chat = deps.cardRouting.chats[0];
  const channel = chat ? deps.cardRouting.cardChannel(chat, { platform: message.platform, accountId: message.accountId }) : undefined;
  return chat && channel ? { chat, channel } : undefined;
};

/** Everything a new message's decisions call for, before anything is written. */
export interface OutcomePlan {
  supported: PlannedAction[];
  unsentReply: boolean;
  change: ConversationChange;
  wantsCard: boolean;
  /** Tags the decisions add to the author. */
  tags: string[];
}

/** `authorTags` are the author's tags as loaded before deciding (an author tagged `lead` gets the lead deadline). */
export const planOutcome = (deps: PipelineDeps, message: Message, decisions: Decision[], authorTags: string[]): OutcomePlan => {
  const { supported, unsentReply } = automaticActions(deps, message, decisions);
  return {
    supported,
    unsentReply,
    change: conversationChange(decisions, authorTags, deps.sla, message.createdAt),
    wantsCard: needsCard(decisions) || unsentReply,
    tags: contactTags(decisions),
  };
};

/** A conversation that just got a response deadline (and no first response yet) needs its SLA timers. */
export const slaTimersOf = (change: ConversationChange, conversation: ConversationDeadlines): ConversationDeadlines[] =>
  !change.ignored && conversation.first_response_at === null && conversation.sla_deadline_at ? [conversation] : [];

/** What is left to do once the message's writes commit: actions to perform, cards to post, timers to start. */
export const outcomeOf = (
  message: Message,
  decisions: Decision[],
  written: {
    plan: OutcomePlan;
    actionIds: string[];
    cards: OpenedCard[];
    conversation: ConversationDeadlines;
    vetoTimers: { vetoId: string; at: Date }[];
    undoLines: string[];
    logged: boolean;
  },
): PipelineOutcome => {
  const { plan, actionIds, cards, conversation, vetoTimers, undoLines } = written;
  const draft = cardDraft(decisions);
  return {
    actionIds,
    cards,
    slaTimers: slaTimersOf(plan.change, conversation),
    drafts: draft ? cards.map(({ cardId }) => ({ cardId, message, decision: draft })) : [],
    cardUpdates: [],
    ...(vetoTimers.length > 0 ? { vetoTimers } : {}),
    ...(undoLines.length > 0 && written.logged ? { undoLines } : {}),
  };
};
