import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import { createActions } from '../store/actions.js';
import { openCards } from '../store/cards.js';
import { addTagsToContacts } from '../store/contacts.js';
import type { Db } from '../store/db.js';
import { applyDecisionsToConversations, recordDecisionsOfMessages } from '../store/decisions.js';
import { openEscalations } from '../store/escalations.js';
import { lockHistory } from '../store/history.js';
import { postKey, readRunHistory } from '../store/history-batch.js';
import { storeMessagesWithThreads } from '../store/message-threads.js';
import { markHandledByRules, type StoredMessage } from '../store/messages.js';
import { decideOn, historyLockKeys, recordAutonomy } from './decide-and-record.js';
import { historyWindow } from './load-context.js';
import { actionRows, cardToOpen, outcomeOf, planOutcome, ruleEscalations, type OutcomePlan } from './outcome-plan.js';
import { NOTHING, type KnownFeatures, type OpenedCard, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';
import { createRunHistory } from './run-history.js';
import { accountId, conversationKey } from './store-message.js';

/** A new message (not our own) from a claimed event, with what was known of it before the transaction. */
export interface RunEntry {
  eventId: string;
  message: Message;
  known: KnownFeatures;
}

interface Decided {
  entry: RunEntry;
  stored: StoredMessage;
  decisions: Decision[];
  plan: OutcomePlan;
}

/** Each stage once for the whole run: store, lock, read history. */
const storeAndLoad = async (trx: Db, deps: PipelineDeps, entries: readonly RunEntry[]) => {
  const signals = entries.map((entry) => deps.signals(entry.message, entry.known));
  // Account ids are cached per process once committed; within the run each account is looked up once
  // (a new account's row, inserted by this transaction, is good for the rest of it but not beyond).
  const inThisRun = new Map<string, Promise<string>>();
  const accounts: string[] = [];
  for (const entry of entries) {
    const key = `${entry.message.platform}\u0000${entry.message.accountId}`;
    let account = inThisRun.get(key);
    if (!account) inThisRun.set(key, (account = accountId(trx, deps.accountIds, entry.message)));
    accounts.push(await account);
  }
  const stored = await storeMessagesWithThreads(
    trx,
    entries.map((entry, index) => ({
      message: entry.message,
      accountId: accounts[index]!,
      conversationKey: conversationKey(entry.message),
      eventId: entry.eventId,
      signals: signals[index],
    })),
  );
  const storedEntries = entries.flatMap((entry, index) => {
    const at = stored[index];
    return at ? [{ entry: { ...entry, known: { ...entry.known, ...signals[index] } }, stored: at }] : [];
  });
  if (storedEntries.length === 0) return { storedEntries, history: undefined, now: deps.now() };
  // Counters and caps must see every earlier decision for these authors and posts, even from other workers.
  await lockHistory(
    trx,
    storedEntries.flatMap(({ entry, stored: at }) => historyLockKeys(entry.message, at)),
  );
  const now = deps.now();
  const window = historyWindow(now);
  const posts = new Map(
    storedEntries.flatMap(({ entry: { message } }) =>
      message.post ? [[postKey(message.platform, message.post.id), { platform: message.platform, postId: message.post.id }] as const] : [],
    ),
  );
  // Contacts and conversations this run created have nothing stored yet: only the others are read.
  const read = await readRunHistory(trx, {
    contactIds: [...new Set(storedEntries.flatMap(({ stored: at }) => (at.contactIsNew ? [] : [at.contactId])))],
    conversationIds: [...new Set(storedEntries.flatMap(({ stored: at }) => (at.conversationIsNew ? [] : [at.conversationId])))],
    posts: [...posts.values()],
    messageIds: storedEntries.map(({ stored: at }) => at.messageId),
    ...window,
  });
  return { storedEntries, history: createRunHistory(read, window), now };
};

/** Decide in arrival order, each message against the history the ones before it left (in memory). */
const decideInOrder = (
  deps: PipelineDeps,
  storedEntries: { entry: RunEntry; stored: StoredMessage }[],
  history: ReturnType<typeof createRunHistory>,
  now: Date,
): Decided[] =>
  storedEntries.flatMap(({ entry, stored }) => {
    const loaded = history.load(entry.message, stored);
    const decisions = decideOn(deps, entry.message, loaded, now, entry.known);
    if (decisions.length === 0) {
      history.append(entry.message, stored, { decisions, tags: [] });
      return [];
    }
    const plan = planOutcome(deps, entry.message, decisions, loaded.tags);
    history.append(entry.message, stored, { decisions, tags: plan.tags, funnelState: plan.change.funnelState });
    return [{ entry, stored, decisions, plan }];
  });

/** Hands out a flat list's items to the groups they were made from, in order. */
const regroup = <T>(flat: readonly T[], sizes: readonly number[]): T[][] => {
  let next = 0;
  return sizes.map((size) => flat.slice(next, (next += size)));
};

/** Everything the decisions call for, each stage one statement for the whole run (a stage with nothing to write: none). */
const recordAll = async (trx: Db, deps: PipelineDeps, decided: Decided[]): Promise<PipelineOutcome[]> => {
  const decisionIds = await recordDecisionsOfMessages(
    trx,
    decided.map(({ stored, decisions }) => ({ messageId: stored.messageId, decisions })),
  );
  const actions = decided.map(({ entry, stored, decisions, plan }, index) =>
    actionRows(entry.message, stored, decisions, decisionIds[index]!, plan.supported),
  );
  const actionIds = regroup(
    await createActions(trx, actions.flat()),
    actions.map((rows) => rows.length),
  );
  const conversations = await applyDecisionsToConversations(
    trx,
    decided.map(({ stored, plan }) => ({ conversationId: stored.conversationId, change: plan.change })),
  );
  const carded = decided.filter(({ plan }) => plan.wantsCard);
  const toOpen = carded.map(({ entry, stored, decisions, plan }) =>
    cardToOpen(deps, entry.message, stored, decisions, plan.change.priority, plan.unsentReply),
  );
  const cardIds = await openCards(trx, toOpen);
  const cards = new Map<string, OpenedCard[]>(
    carded.map(({ stored }, index) => {
      const cardId = cardIds[index];
      return [stored.messageId, cardId ? [{ cardId, chats: toOpen[index]!.placements.map((placement) => placement.chat) }] : []];
    }),
  );
  await addTagsToContacts(
    trx,
    decided.map(({ stored, plan }) => ({ contactId: stored.contactId, tags: plan.tags })),
  );
  await markHandledByRules(trx, ...decided.filter(({ plan }) => !plan.wantsCard).map(({ stored }) => stored.messageId));
  await openEscalations(
    trx,
    decided.flatMap(({ stored, decisions }) => ruleEscalations(deps, stored, decisions, cards.get(stored.messageId) ?? [])),
  );
  const outcomes: PipelineOutcome[] = [];
  for (const [index, { entry, stored, decisions, plan }] of decided.entries()) {
    const opened = cards.get(stored.messageId) ?? [];
    const ids = actionIds[index]!;
    // Autonomy (vetoes, undos) writes only for rules that use it: no statement otherwise.
    const autonomy = await recordAutonomy(trx, deps, entry.message, stored, {
      decisions,
      decisionIds: decisionIds[index]!,
      supported: plan.supported,
      actionIds: ids,
      cards: opened,
    });
    const conversation = conversations.get(stored.conversationId)!;
    outcomes.push(outcomeOf(entry.message, decisions, { plan, actionIds: ids, cards: opened, conversation, ...autonomy }));
  }
  return outcomes;
};

/**
 * A run of new messages (consecutive events of a batch, not our own) turned into messages,
 * decisions, actions and cards with a few multi-row statements instead of a few per message, with
 * the same outcome as `decideAndRecord` on each in turn: each is decided in arrival order against
 * its author's and post's history including the run's earlier messages and decisions.
 * Returns each event's outcome (NOTHING for a redelivered message).
 */
export const ingestMessageRun = async (
  trx: Db,
  deps: PipelineDeps,
  entries: readonly RunEntry[],
): Promise<Map<string, PipelineOutcome>> => {
  const outcomes = new Map<string, PipelineOutcome>(entries.map((entry) => [entry.eventId, NOTHING]));
  const { storedEntries, history, now } = await storeAndLoad(trx, deps, entries);
  if (!history) return outcomes;
  // The levels in force (chat overlays over the file's), read once for the run before deciding.
  await deps.refreshLevels?.(trx);
  const decided = decideInOrder(deps, storedEntries, history, now);
  const recorded = await recordAll(trx, deps, decided);
  for (const [index, { entry }] of decided.entries()) outcomes.set(entry.eventId, recorded[index]!);
  return outcomes;
};
