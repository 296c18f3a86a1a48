import { sql } from 'kysely';
import type { Message } from '../domain/message.js';
import { addContactTags } from '../store/contacts.js';
import type { Db } from '../store/db.js';
import { openEscalation } from '../store/escalations.js';
import { slaTimes } from '../sla/deadline.js';
import { loadHistory } from './load-context.js';
import { NOTHING, type KnownFeatures, type PipelineDeps, type PipelineOutcome } from './pipeline-types.js';
import { cardDraft, highestPriority, needsCard, planAutomaticActions } from './plan-actions.js';
import type { StoredMessage } from './store-message.js';

const lockKeys = async (db: Db, keys: string[]) => {
  // Sorted so two workers locking the same author and post never wait on each other in a cycle;
  // one statement, locks taken left to right.
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  await sql`SELECT ${sql.join(sorted.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`))}`.execute(db);
};

/** Decide on a stored message and record the decisions, actions, conversation changes and cards, in the caller's transaction. */
export const decideAndRecord = async (
  trx: Db,
  deps: PipelineDeps,
  message: Message,
  stored: StoredMessage,
  known: KnownFeatures,
): Promise<PipelineOutcome> => {
  // Counters and caps must see every earlier decision for this author and post, even from other workers.
  await lockKeys(trx, [`contact:${stored.contactId}`, ...(message.post ? [`post:${message.platform}:${message.post.id}`] : [])]);
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
    // Serial ids follow the VALUES order, so row i is decisions[i].
    .orderBy('id')
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
  const unsentReply =
    planned.some((action) => action.kind === 'reply' || action.kind === 'send_dm') &&
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
      qualified_at: decisions.some((decision) => decision.kind === 'lead')
        ? sql`coalesce(conversations.qualified_at, now())`
        : sql`conversations.qualified_at`,
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

  const tags = decisions.flatMap((decision) =>
    decision.kind === 'tag' && decision.tag ? [decision.tag] : decision.kind === 'lead' ? ['lead'] : [],
  );
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
        reason: String(
          escalate.detail?.reason ?? `rule ${escalate.rule}${escalate.matched.length > 0 ? ` (“${escalate.matched.join('”, “')}”)` : ''}`,
        ),
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
