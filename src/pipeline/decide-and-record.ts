import { holdVetoedReplies } from '../autonomy/hold-vetoes.js';
import { openAutomaticUndos } from '../autonomy/open-undos.js';
import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import { createActions } from '../store/actions.js';
import { addContactTags } from '../store/contacts.js';
import type { Db } from '../store/db.js';
import { applyDecisionsToConversation, recordDecisions } from '../store/decisions.js';
import { openEscalation } from '../store/escalations.js';
import { openCard } from '../store/cards.js';
import { cardTargets } from './card-routing.js';
import { lockHistory } from '../store/history.js';
import { markHandledByRules, type StoredMessage } from '../store/messages.js';
import { conversationChange } from './conversation-change.js';
import { applyJudgement } from './judge-apply.js';
import { loadHistory } from './load-context.js';
import { NOTHING, type KnownFeatures, type OpenedCard, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';
import { cardDraft, contactTags, needsCard, planAutomaticActions, type PlannedAction } from './plan-actions.js';

const isReply = (action: PlannedAction) => action.kind === 'reply' || action.kind === 'send_dm';

/** The automatic actions the platform's client can perform, and whether a reply is left that it cannot send. */
export const automaticActions = (deps: PipelineDeps, message: Message, decisions: Decision[]) => {
  const client = deps.platformClients.get(message.platform);
  const planned = planAutomaticActions(message, decisions);
  const supported = planned.filter((action) => client?.supports(message.platform, action.kind, message.kind));
  return { supported, unsentReply: planned.some(isReply) && !supported.some(isReply) };
};

/** `keyPrefix` names the decision round: a message's first (`msg-<id>`) or an edit's, so each round acts once. */
export const recordActions = (
  trx: Db,
  message: Message,
  stored: StoredMessage,
  decisions: Decision[],
  decisionIds: string[],
  actions: PlannedAction[],
  keyPrefix = `msg-${stored.messageId}`,
) =>
  createActions(
    trx,
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
    })),
  );

/** The message's one card, shown in every chat its rules route it to; an auto-reply is a reason only when it could not be sent. */
export const recordCards = async (
  trx: Db,
  deps: PipelineDeps,
  message: Message,
  stored: StoredMessage,
  decisions: Decision[],
  priority: string,
  unsentReply: boolean,
): Promise<OpenedCard[]> => {
  const draft = cardDraft(decisions);
  const reasons = decisions
    .filter((decision) => decision.kind !== 'auto_reply' || unsentReply)
    .map((decision) => ({ rule: decision.rule, kind: decision.kind, matched: decision.matched }));
  const placements = cardTargets(deps.cardRouting, reasons, message);
  const cardId = await openCard(trx, {
    conversationId: stored.conversationId,
    messageId: stored.messageId,
    placements,
    priority,
    draft: { text: draft?.text ?? null, source: draft?.source ?? null },
    reasons,
  });
  return cardId ? [{ cardId, chats: placements.map((placement) => placement.chat) }] : [];
};

const escalationReason = (escalate: Decision): string =>
  String(escalate.detail?.reason ?? `rule ${escalate.rule}${escalate.matched.length > 0 ? ` (“${escalate.matched.join('”, “')}”)` : ''}`);

/** A rule's escalation rings in every chat of the new card that has an escalation channel; one acknowledgement stops them all. */
export const openRuleEscalations = async (
  trx: Db,
  deps: PipelineDeps,
  stored: StoredMessage,
  decisions: Decision[],
  cards: OpenedCard[],
) => {
  const escalate = decisions.find((decision) => decision.kind === 'escalate');
  if (!escalate) return;
  for (const card of cards) {
    for (const chat of card.chats) {
      const channel = deps.escalationChannel(chat);
      if (!channel) continue;
      await openEscalation(trx, {
        conversationId: stored.conversationId,
        cardId: card.cardId,
        chat,
        channel,
        reason: escalationReason(escalate),
        priority: escalate.priority ?? 'urgent',
        escalatedBy: `rule:${escalate.rule}`,
      });
    }
  }
};

/** Where automatic actions are logged (with Undo): the first configured chat's card channel for the message's account. */
const logPlace = (deps: PipelineDeps, message: Message) => {
  const chat = deps.cardRouting.chats[0];
  const channel = chat ? deps.cardRouting.cardChannel(chat, { platform: message.platform, accountId: message.accountId }) : undefined;
  return chat && channel ? { chat, channel } : undefined;
};

/** Record the decisions and everything they call for: actions, conversation, cards, tags, escalations. */
const recordOutcome = async (
  trx: Db,
  deps: PipelineDeps,
  message: Message,
  stored: StoredMessage,
  decisions: Decision[],
  authorTags: string[],
): Promise<PipelineOutcome> => {
  const decisionIds = await recordDecisions(trx, stored.messageId, decisions);
  const { supported, unsentReply } = automaticActions(deps, message, decisions);
  const actionIds = await recordActions(trx, message, stored, decisions, decisionIds, supported);
  const change = conversationChange(decisions, authorTags, deps.sla, message.createdAt);
  const conversation = await applyDecisionsToConversation(trx, stored.conversationId, change);
  const wantsCard = needsCard(decisions) || unsentReply;
  const cards = wantsCard ? await recordCards(trx, deps, message, stored, decisions, change.priority, unsentReply) : [];
  await addContactTags(trx, stored.contactId, contactTags(decisions));
  if (!wantsCard) await markHandledByRules(trx, stored.messageId);
  await openRuleEscalations(trx, deps, stored, decisions, cards);
  const { messageId, conversationId } = stored;
  const cardIds = cards.map((card) => card.cardId);
  const vetoTimers = await holdVetoedReplies(trx, { messageId, conversationId, decisions, decisionIds, cardIds, now: deps.now() });
  const log = logPlace(deps, message);
  const undoLines = await openAutomaticUndos(trx, { decisions, actions: supported, actionIds, now: deps.now(), log });

  const draft = cardDraft(decisions);
  return {
    actionIds,
    cards,
    slaTimers: !change.ignored && conversation.first_response_at === null && conversation.sla_deadline_at ? [conversation] : [],
    drafts: draft ? cards.map(({ cardId }) => ({ cardId, message, decision: draft })) : [],
    cardUpdates: [],
    ...(vetoTimers.length > 0 ? { vetoTimers } : {}),
    ...(undoLines.length > 0 && log ? { undoLines } : {}),
  };
};

/** The engine's decisions on a stored message, given what is known of its author and post; with the author's tags as loaded. */
export const decideWithHistory = async (trx: Db, deps: PipelineDeps, message: Message, stored: StoredMessage, known: KnownFeatures) => {
  // Counters and caps must see every earlier decision for this author and post, even from other workers.
  await lockHistory(trx, [`contact:${stored.contactId}`, ...(message.post ? [`post:${message.platform}:${message.post.id}`] : [])]);
  const now = deps.now();
  const history = await loadHistory(trx, message, stored, now);
  await deps.refreshLevels?.(trx);
  // The judge runs after the rules, outside the engine: its verdict was asked for before the locks.
  return { decisions: applyJudgement(deps.decide(message, history, now, known), known.judgement), tags: history.tags };
};

/** Decide on a stored message and record the decisions, actions, conversation changes and cards, in the caller's transaction. */
export const decideAndRecord = async (
  trx: Db,
  deps: PipelineDeps,
  message: Message,
  stored: StoredMessage,
  known: KnownFeatures,
): Promise<PipelineOutcome> => {
  const { decisions, tags } = await decideWithHistory(trx, deps, message, stored, known);
  if (decisions.length === 0) return NOTHING;
  return recordOutcome(trx, deps, message, stored, decisions, tags);
};
