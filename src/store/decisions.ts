import { sql } from 'kysely';
import type { Decision, Priority } from '../domain/decision.js';
import type { Db } from './db.js';

/** The decision's own fields beyond kind, rule and matched, kept in its detail column. */
const storedDetail = (decision: Decision): string =>
  JSON.stringify({
    ...decision.detail,
    ...(decision.text === undefined ? {} : { text: decision.text }),
    ...(decision.source === undefined ? {} : { source: decision.source }),
    ...(decision.priority === undefined ? {} : { priority: decision.priority }),
    ...(decision.tag === undefined ? {} : { tag: decision.tag }),
  });

/**
 * Records a message's decisions and their audit lines in one statement (the audit insert reads the
 * new rows' ids). Returns the decisions' ids in the order given.
 */
export const recordDecisions = async (trx: Db, messageId: string, decisions: Decision[]): Promise<string[]> => {
  const rows = await trx
    .with('decided', (db) =>
      db
        .insertInto('decisions')
        .values(
          decisions.map((decision) => ({
            message_id: messageId,
            kind: decision.kind,
            rule: decision.rule,
            matched: decision.matched,
            detail: storedDetail(decision),
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
              sql<string>`${messageId}::text`.as('subject_id'),
              sql<string>`jsonb_build_object('decisionId', decided.id::text, 'matched', to_jsonb(decided.matched))`.as('detail'),
            ]),
        ),
    )
    .selectFrom('decided')
    .select('id')
    // Serial ids follow the VALUES order, so row i is decisions[i].
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
};

/** What a message's decisions change on its conversation (worked out in `conversationChange`). */
export interface ConversationChange {
  /** Every decision was 'ignore': state, need for a response and deadlines stay as they are. */
  ignored: boolean;
  priority: Priority;
  /** A lead decision: the conversation counts as qualified from now on. */
  qualified: boolean;
  escalated: boolean;
  /** The funnel's next state, when a funnel step moved it. */
  funnelState?: unknown;
  /** The deadline and warning time this message would set. */
  sla: { deadline: Date; warnAt: Date };
}

export interface ConversationDeadlines {
  id: string;
  first_response_at: Date | null;
  sla_deadline_at: Date | null;
  sla_warn_at: Date | null;
}

/**
 * Applies a message's decisions to its conversation in one statement. The rules that depend on the
 * row as it stands stay in SQL — reopen a resolved conversation; stamp qualified/escalated once; set
 * the first deadline, or tighten it, only while no first response is recorded — because an UPDATE
 * evaluates them on the latest row under its lock: a first response recorded meanwhile by another
 * transaction is seen, and no read round trip is added.
 */
export const applyDecisionsToConversation = async (
  trx: Db,
  conversationId: string,
  change: ConversationChange,
): Promise<ConversationDeadlines> => {
  const { ignored, sla } = change;
  return trx
    .updateTable('conversations')
    .set({
      needs_response: sql`conversations.needs_response OR ${!ignored}`,
      priority: change.priority,
      state: ignored ? sql`conversations.state` : sql`CASE WHEN conversations.state = 'resolved' THEN 'open' ELSE conversations.state END`,
      qualified_at: change.qualified ? sql`coalesce(conversations.qualified_at, now())` : sql`conversations.qualified_at`,
      ...(change.funnelState === undefined ? {} : { funnel_state: JSON.stringify(change.funnelState) }),
      escalated_at: change.escalated ? sql`coalesce(conversations.escalated_at, now())` : sql`conversations.escalated_at`,
      sla_deadline_at: ignored
        ? sql`conversations.sla_deadline_at`
        : sql`CASE WHEN conversations.first_response_at IS NOT NULL THEN conversations.sla_deadline_at
                   ELSE least(coalesce(conversations.sla_deadline_at, ${sla.deadline}), ${sla.deadline}) END`,
      sla_warn_at: ignored
        ? sql`conversations.sla_warn_at`
        : sql`CASE WHEN conversations.first_response_at IS NOT NULL THEN conversations.sla_warn_at
                   ELSE least(coalesce(conversations.sla_warn_at, ${sla.warnAt}), ${sla.warnAt}) END`,
      updated_at: sql`now()`,
    })
    .where('id', '=', conversationId)
    .returning(['id', 'first_response_at', 'sla_deadline_at', 'sla_warn_at'])
    .executeTakeFirstOrThrow();
};

/** A person undoing a rule's hide overrides automation (the intervention rate counts it). */
export const reverseHideDecisions = async (trx: Db, messageId: string, by: string): Promise<void> => {
  await trx
    .updateTable('decisions')
    .set({ reversed_at: sql`now()`, reversed_by: by })
    .where('message_id', '=', messageId)
    .where('kind', '=', 'hide')
    .where('reversed_at', 'is', null)
    .execute();
};
