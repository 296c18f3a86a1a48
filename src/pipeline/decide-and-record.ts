import { holdVetoedReplies } from '../autonomy/hold-vetoes.js';
import { openAutomaticUndos } from '../autonomy/open-undos.js';
import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import { createActions } from '../store/actions.js';
import { addContactTags } from '../store/contacts.js';
import type { Db } from '../store/db.js';
import { applyDecisionsToConversation, recordDecisions } from '../store/decisions.js';
import { openEscalations } from '../store/escalations.js';
import { openCard } from '../store/cards.js';
import { lockHistory } from '../store/history.js';
import { markHandledByRules, type StoredMessage } from '../store/messages.js';
import { applyJudgement } from './judge-apply.js';
import { loadHistory, type LoadedHistory } from './load-context.js';
import { actionRows, cardToOpen, logPlace, outcomeOf, planOutcome, ruleEscalations } from './outcome-plan.js';
import { NOTHING, type KnownFeatures, type OpenedCard, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';
import type { PlannedAction } from './plan-actions.js';

/** `keyPrefix` names the decision round: a message's first (`msg-<id>`) or an edit's, so each round acts once. */
export const recordActions = (trx: Db, ...plan: Parameters<typeof actionRows>) => createActions(trx, actionRows(...plan));

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
  const card = cardToOpen(deps, message, stored, decisions, priority, unsentReply);
  const cardId = await openCard(trx, card);
  return cardId ? [{ cardId, chats: card.placements.map((placement) => placement.chat) }] : [];
};

/** A rule's escalation rings in every chat of the new card that has an escalation channel; one acknowledgement stops them all. */
export const openRuleEscalations = async (
  trx: Db,
  deps: PipelineDeps,
  stored: StoredMessage,
  decisions: Decision[],
  cards: OpenedCard[],
) => {
  await openEscalations(trx, ruleEscalations(deps, stored, decisions, cards));
};

/**
 * The replies held for a veto and the undos of automatic actions (autonomy): nothing is written,
 * and no statement runs, for a message whose rules have neither.
 */
export const recordAutonomy = async (
  trx: Db,
  deps: PipelineDeps,
  message: Message,
  stored: StoredMessage,
  decided: { decisions: Decision[]; decisionIds: string[]; supported: PlannedAction[]; actionIds: string[]; cards: OpenedCard[] },
) => {
  const { messageId, conversationId } = stored;
  const { decisions, decisionIds, supported, actionIds } = decided;
  const cardIds = decided.cards.map((card) => card.cardId);
  const vetoTimers = await holdVetoedReplies(trx, { messageId, conversationId, decisions, decisionIds, cardIds, now: deps.now() });
  const log = logPlace(deps, message);
  const undoLines = await openAutomaticUndos(trx, { decisions, actions: supported, actionIds, now: deps.now(), log });
  return { vetoTimers, undoLines, logged: log !== undefined };
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
  const plan = planOutcome(deps, message, decisions, authorTags);
  const decisionIds = await recordDecisions(trx, stored.messageId, decisions);
  const actionIds = await recordActions(trx, message, stored, decisions, decisionIds, plan.supported);
  const conversation = await applyDecisionsToConversation(trx, stored.conversationId, plan.change);
  const cards = plan.wantsCard ? await recordCards(trx, deps, message, stored, decisions, plan.change.priority, plan.unsentReply) : [];
  await addContactTags(trx, stored.contactId, plan.tags);
  if (!plan.wantsCard) await markHandledByRules(trx, stored.messageId);
  await openRuleEscalations(trx, deps, stored, decisions, cards);
  const autonomy = await recordAutonomy(trx, deps, message, stored, {
    decisions,
    decisionIds,
    supported: plan.supported,
    actionIds,
    cards,
  });
  return outcomeOf(message, decisions, { plan, actionIds, cards, conversation, ...autonomy });
};

/** The engine's decisions on a message given its history; the judge runs after the rules, outside the engine (its verdict was asked for before the locks). */
export const decideOn = (deps: PipelineDeps, message: Message, history: LoadedHistory, now: Date, known: KnownFeatures): Decision[] =>
  applyJudgement(deps.decide(message, history, now, known), known.judgement);

/** The history locks deciding on a message takes: its author and its post. */
export const historyLockKeys = (message: Message, stored: StoredMessage): string[] => [
  `contact:${stored.contactId}`,
  ...(message.post ? [`post:${message.platform}:${message.post.id}`] : []),
];

/** The engine's decisions on a stored message, given what is known of its author and post; with the author's tags as loaded. */
export const decideWithHistory = async (trx: Db, deps: PipelineDeps, message: Message, stored: StoredMessage, known: KnownFeatures) => {
  // Counters and caps must see every earlier decision for this author and post, even from other workers.
  await lockHistory(trx, historyLockKeys(message, stored));
  const now = deps.now();
  const history = await loadHistory(trx, message, stored, now);
  // The levels in force (chat overlays over the file's) are read before deciding: a cheap cached check.
  await deps.refreshLevels?.(trx);
  return { decisions: decideOn(deps, message, history, now, known), tags: history.tags };
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
