import { sql } from 'kysely';
import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import type { PlatformClient } from '../domain/source.js';
import { writeAudit } from '../store/audit.js';
import { addContactTags } from '../store/contacts.js';
import type { Db } from '../store/db.js';
import { openEscalation } from '../store/escalations.js';
import { parseStoredItem } from './inbound-item.js';
import { loadHistory, type LoadedHistory } from './load-context.js';
import { cardDraft, highestPriority, needsCard, planAutomaticActions } from './plan-actions.js';
import { slaTimes, type SlaPolicy } from '../sla/deadline.js';
import { storeMessage, type AccountIds, type StoredMessage } from './store-message.js';

/** What the shell worked out before deciding (an LLM's sentiment score), overriding the engine's own. */
export interface KnownFeatures {
  language?: string;
  sentiment?: number;
}

export interface MessageSignals {
  language: string;
  sentiment: number;
}

/** The engine as the pipeline sees it: pure, given everything it may know. */
export type DecideFn = (message: Message, history: LoadedHistory, now: Date, known: KnownFeatures) => Decision[];
/** The engine's language and sentiment for a message (pure), stored with it. */
export type SignalsFn = (message: Message, known: KnownFeatures) => MessageSignals;

export interface ChatTarget {
  chat: 'slack' | 'discord';
  channel: string;
}

export interface PipelineDeps {
  db: Db;
  decide: DecideFn;
  signals: SignalsFn;
  platformClients: ReadonlyMap<string, PlatformClient>;
  chatTargets: ChatTarget[];
  /** Where escalations go, per chat (undefined: no escalation channel configured). */
  escalationChannel: (chat: 'slack' | 'discord') => string | undefined;
  sla: SlaPolicy;
  now: () => Date;
  accountIds: AccountIds;
  /** The optional LLM sentiment classifier; undefined when the lexicon decides alone. */
  classifySentiment?: ((text: string) => Promise<number | undefined>) | undefined;
}

export interface PipelineOutcome {
  actionIds: string[];
  cardIds: string[];
  /** Conversations that just got a response deadline: their SLA timers start after commit. */
  slaTimers: { id: string; sla_warn_at: Date | null; sla_deadline_at: Date | null }[];
  /** Cards whose draft came from a decision and may be rewritten (LLM) before posting. */
  drafts: { cardId: string; message: Message; decision: Decision }[];
}

const NOTHING: PipelineOutcome = { actionIds: [], cardIds: [], slaTimers: [], drafts: [] };

const lockKeys = async (db: Db, keys: string[]) => {
  // Sorted so two workers locking the same author and post never wait on each other in a cycle;
  // one statement, locks taken left to right.
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  await sql`SELECT ${sql.join(sorted.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`))}`.execute(db);
};

const decideAndRecord = async (
  trx: Db,
  deps: PipelineDeps,
  message: Message,
  stored: StoredMessage,
  known: KnownFeatures,
): Promise<PipelineOutcome> => {
  // Counters and caps must see every earlier decision for this author and post, even from other workers.
  await lockKeys(trx, [
    `contact:${stored.contactId}`,
    ...(message.post ? [`post:${message.platform}:${message.post.id}`] : []),
  ]);
  const now = deps.now();
  const history = await loadHistory(trx, message, stored, now);
  const decisions = deps.decide(message, history, now, known);
  if (decisions.length === 0) return NOTHING;

  // The decisions and their audit lines in one statement: the audit insert reads the new rows.
  const decisionRows = await trx
    .with('decided', (db) =>
      db
        .insertInto('decisions')
        .values(
          decisions.map((decision) => ({
            message_id: stored.messageId,
            kind: decision.kind,
            rule: decision.rule,
            matched: decision.matched,
            detail: JSON.stringify({
              ...decision.detail,
              ...(decision.text === undefined ? {} : { text: decision.text }),
              ...(decision.source === undefined ? {} : { source: decision.source }),
              ...(decision.priority === undefined ? {} : { priority: decision.priority }),
              ...(decision.tag === undefined ? {} : { tag: decision.tag }),
            }),
          })),
        )
        .returning(['id', 'kind', 'rule', 'matched']),
    )
    .with('audited', (db) =>
      db
        .insertInto('audit_log')
        .columns(['actor', 'action', 'subject_type', 'subject_id', 'detail'])
        .expression((eb) =>
          eb
            .selectFrom('decided')
            .select([
              sql<string>`'rule:' || decided.rule`.as('actor'),
              sql<string>`'decided:' || decided.kind`.as('action'),
              sql<string>`'message'`.as('subject_type'),
              sql<string>`${stored.messageId}::text`.as('subject_id'),
              sql<string>`jsonb_build_object('decisionId', decided.id::text, 'matched', to_jsonb(decided.matched))`.as('detail'),
            ]),
        ),
    )
    .selectFrom('decided')
    .select('id')
    .execute();

  const client = deps.platformClients.get(message.platform);
  const planned = planAutomaticActions(message, decisions);
  const supported = planned.filter((action) => client?.supports(message.platform, action.kind));
  const actionRows =
    supported.length === 0
      ? []
      : await trx
          .insertInto('actions')
          .values(
            supported.map((action) => ({
              idempotency_key: `msg-${stored.messageId}-${action.kind}-${action.decisionIndex}`,
              kind: action.kind,
              platform: message.platform,
              // A DM goes to the person; everything else acts on the comment.
              target: action.kind === 'send_dm' ? message.author.id : message.externalId,
              payload: JSON.stringify({ accountId: message.accountId, text: action.text ?? null }),
              requested_by: `rule:${decisions[action.decisionIndex]!.rule}`,
              conversation_id: stored.conversationId,
              message_id: stored.messageId,
              decision_id: decisionRows[action.decisionIndex]!.id,
            })),
          )
          .returning('id')
          .execute();

  const ignored = decisions.every((decision) => decision.kind === 'ignore');
  const unsentReply = planned.some((action) => action.kind === 'reply' || action.kind === 'send_dm') &&
    !supported.some((action) => action.kind === 'reply' || action.kind === 'send_dm');
  const wantsCard = needsCard(decisions) || unsentReply;
  const priority = highestPriority(decisions);
  const funnelStep = [...decisions].reverse().find((decision) => decision.kind === 'funnel' && decision.detail?.state);
  const isLead = decisions.some((decision) => decision.kind === 'lead') || history.tags.includes('lead');
  const times = slaTimes(deps.sla, message.createdAt, priority, isLead);
  const conversation = await trx
    .updateTable('conversations')
    .set({
      needs_response: sql`conversations.needs_response OR ${!ignored}`,
      priority,
      state: ignored ? sql`conversations.state` : sql`CASE WHEN conversations.state = 'resolved' THEN 'open' ELSE conversations.state END`,
      qualified_at: decisions.some((decision) => decision.kind === 'lead') ? sql`coalesce(conversations.qualified_at, now())` : sql`conversations.qualified_at`,
      // The engine hands back the funnel's next state; the last funnel step of this message wins.
      ...(funnelStep ? { funnel_state: JSON.stringify(funnelStep.detail!.state) } : {}),
      escalated_at: decisions.some((decision) => decision.kind === 'escalate')
        ? sql`coalesce(conversations.escalated_at, now())`
        : sql`conversations.escalated_at`,
      // The first message that needs a response sets the deadline; a later, more urgent one tightens it.
      sla_deadline_at: ignored
        ? sql`conversations.sla_deadline_at`
        : sql`CASE WHEN conversations.first_response_at IS NOT NULL THEN conversations.sla_deadline_at
                   ELSE least(coalesce(conversations.sla_deadline_at, ${times.deadline}), ${times.deadline}) END`,
      sla_warn_at: ignored
        ? sql`conversations.sla_warn_at`
        : sql`CASE WHEN conversations.first_response_at IS NOT NULL THEN conversations.sla_warn_at
                   ELSE least(coalesce(conversations.sla_warn_at, ${times.warnAt}), ${times.warnAt}) END`,
      updated_at: sql`now()`,
    })
    .where('id', '=', stored.conversationId)
    .returning(['id', 'first_response_at', 'sla_deadline_at', 'sla_warn_at'])
    .executeTakeFirstOrThrow();

  const draft = cardDraft(decisions);
  const cardRows =
    wantsCard && deps.chatTargets.length > 0
      ? await trx
          .insertInto('cards')
          .values(
            deps.chatTargets.map((target) => ({
              conversation_id: stored.conversationId,
              message_id: stored.messageId,
              chat: target.chat,
              channel: target.channel,
              priority,
              draft: draft?.text ?? null,
              draft_source: draft?.source ?? null,
              reasons: JSON.stringify(
                decisions
                  .filter((decision) => decision.kind !== 'auto_reply' || unsentReply)
                  .map((decision) => ({ rule: decision.rule, kind: decision.kind, matched: decision.matched })),
              ),
            })),
          )
          .onConflict((conflict) => conflict.columns(['message_id', 'chat']).doNothing())
          .returning('id')
          .execute()
      : [];

  const tags = decisions.flatMap((decision) => (decision.kind === 'tag' && decision.tag ? [decision.tag] : decision.kind === 'lead' ? ['lead'] : []));
  await addContactTags(trx, stored.contactId, [...new Set(tags)]);

  if (!wantsCard) {
    // Nothing for a person to do: the rules handled this message on their own (the automation rate).
    await trx.updateTable('messages').set({ handled_by: 'rules' }).where('id', '=', stored.messageId).execute();
  }

  const escalate = decisions.find((decision) => decision.kind === 'escalate');
  if (escalate) {
    for (const [index, target] of deps.chatTargets.entries()) {
      const card = cardRows[index];
      const channel = deps.escalationChannel(target.chat);
      if (!card || !channel) continue;
      await openEscalation(trx, {
        conversationId: stored.conversationId,
        cardId: card.id,
        chat: target.chat,
        channel,
        reason: String(escalate.detail?.reason ?? `rule ${escalate.rule}${escalate.matched.length > 0 ? ` (“${escalate.matched.join('”, “')}”)` : ''}`),
        priority: escalate.priority ?? 'urgent',
        escalatedBy: `rule:${escalate.rule}`,
      });
    }
  }

  return {
    actionIds: actionRows.map((row) => row.id),
    cardIds: cardRows.map((row) => row.id),
    slaTimers: !ignored && conversation.first_response_at === null && conversation.sla_deadline_at ? [conversation] : [],
    drafts: draft ? cardRows.map((row) => ({ cardId: row.id, message, decision: draft })) : [],
  };
};

const recordOwnMessage = async (trx: Db, message: Message, stored: StoredMessage) => {
  // A reply the team wrote on the platform itself still answers the conversation.
  await trx
    .updateTable('conversations')
    .set({ first_response_at: sql`coalesce(first_response_at, ${message.createdAt})`, first_response_by: sql`coalesce(first_response_by, 'human')` })
    .where('id', '=', stored.conversationId)
    .where('first_response_at', 'is', null)
    .execute();
};

/**
 * Asks the LLM classifier, when there is one, before the transaction: a slow model then holds
 * no row lock and no pooled connection. Any failure leaves the lexicon to decide.
 */
const classifyBeforehand = async (deps: PipelineDeps, eventId: string): Promise<KnownFeatures> => {
  if (!deps.classifySentiment) return {};
  const event = await deps.db.selectFrom('inbound_events').select(['payload', 'processed_at']).where('id', '=', eventId).executeTakeFirst();
  if (!event || event.processed_at !== null) return {};
  const item = parseStoredItem(event.payload);
  if ((item.type !== 'message' && item.type !== 'edit') || item.message.fromSelf || item.message.text.trim() === '') return {};
  const sentiment = await deps.classifySentiment(item.message.text);
  return sentiment === undefined ? {} : { sentiment };
};

/** Turn one stored event into a message, decisions, actions and cards — once, whatever the redeliveries. */
export const processEvent = async (deps: PipelineDeps, eventId: string): Promise<PipelineOutcome> => {
  const known = await classifyBeforehand(deps, eventId);
  return deps.db.transaction().execute(async (trx) => {
    // Claims the event and marks it processed in one statement (now() is the transaction's start,
    // and a rollback un-marks it); a redelivered job waits on the row lock, then finds nothing to do.
    const event = await trx
      .updateTable('inbound_events')
      .set({ processed_at: sql`now()`, attempts: sql`attempts + 1` })
      .where('id', '=', eventId)
      .where('processed_at', 'is', null)
      .where('failed_at', 'is', null)
      .returning('payload')
      .executeTakeFirst();
    if (!event) return NOTHING;
    const item = parseStoredItem(event.payload);
    let outcome = NOTHING;

    if (item.type === 'message') {
      const signals = item.message.fromSelf ? undefined : deps.signals(item.message, known);
      const stored = await storeMessage(trx, deps.accountIds, item.message, eventId, signals);
      if (stored && item.message.fromSelf) await recordOwnMessage(trx, item.message, stored);
      else if (stored) outcome = await decideAndRecord(trx, deps, item.message, stored, { ...known, ...signals });
    } else if (item.type === 'edit') {
      const updated = await trx
        .updateTable('messages')
        .set({ text: item.message.text, edited_at: deps.now() })
        .where('platform', '=', item.message.platform)
        .where('external_id', '=', item.message.externalId)
        .returning('id')
        .executeTakeFirst();
      if (updated) {
        await writeAudit(trx, [
          { actor: 'system', action: 'message_edited', subjectType: 'message', subjectId: updated.id, detail: { text: item.message.text } },
        ]);
      } else {
        // An edit of a comment we never saw: treat it as a new message.
        const signals = item.message.fromSelf ? undefined : deps.signals(item.message, known);
        const stored = await storeMessage(trx, deps.accountIds, item.message, eventId, signals);
        if (stored && !item.message.fromSelf) outcome = await decideAndRecord(trx, deps, item.message, stored, { ...known, ...signals });
      }
    } else if (item.type === 'remove') {
      const removed = await trx
        .updateTable('messages')
        .set({ deleted_at: item.at })
        .where('platform', '=', item.platform)
        .where('external_id', '=', item.externalId)
        .returning('id')
        .executeTakeFirst();
      if (removed) {
        await writeAudit(trx, [{ actor: 'system', action: 'message_removed', subjectType: 'message', subjectId: removed.id }]);
      }
    }
    return outcome;
  });
};
