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
export const recordDecisions = async (trx: Db, messageId: string, decisions: Decision[]): Promise<string[]> =>
  (await recordDecisionsOfMessages(trx, [{ messageId, decisions }]))[0]!;

/**
 * Records many messages' decisions and their audit lines in one statement (none: no statement).
 * Returns each message's decision ids, in the order given.
 */
export const recordDecisionsOfMessages = async (trx: Db, decided: { messageId: string; decisions: Decision[] }[]): Promise<string[][]> => {
  const values = decided.flatMap(({ messageId, decisions }) =>
    decisions.map((decision) => ({
      message_id: messageId,
      kind: decision.kind,
      rule: decision.rule,
      matched: decision.matched,
      detail: storedDetail(decision),
    })),
  );
  if (values.length === 0) return decided.map(() => []);
  const rows = await trx
    .with('decided', (db) => db.insertInto('decisions').values(values).returning(['id', 'kind', 'rule', 'matched', 'message_id']))
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
              sql<string>`decided.message_id::text`.as('subject_id'),
              sql<string>`jsonb_build_object('decisionId', decided.id::text, 'matched', to_jsonb(decided.matched))`.as('detail'),
            ]),
        ),
    )
    .selectFrom('decided')
    .select('id')
    // Serial ids follow the VALUES order, so row i is values[i].
    .orderBy('id')
    .execute();
  let next = 0;
  return decided.map(({ decisions }) => decisions.map(() => rows[next++]!.id));
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

/** Several messages' changes to one conversation, as applying them one after another would leave it. */
interface FoldedChange {
  id: string;
  /** Some decision was not 'ignore'. */
  wanted: boolean;
  /** The last message's priority: each message sets it. */
  priority: string;
  qualified: boolean;
  escalated: boolean;
  /** The last funnel step's state, as JSON (null: no step moved it). */
  funnel: string | null;
  /** The earliest deadline and warning the messages that were not ignored would set. */
  deadline: Date | null;
  warnAt: Date | null;
}

const earliest = (a: Date | null, b: Date): Date => (a && a.getTime() <= b.getTime() ? a : b);

const foldChanges = (changes: { conversationId: string; change: ConversationChange }[]): FoldedChange[] => {
  const folded = new Map<string, FoldedChange>();
  for (const { conversationId, change } of changes) {
    const before = folded.get(conversationId);
    const wanted = !change.ignored;
    folded.set(conversationId, {
      id: conversationId,
      wanted: (before?.wanted ?? false) || wanted,
      priority: change.priority,
      qualified: (before?.qualified ?? false) || change.qualified,
      escalated: (before?.escalated ?? false) || change.escalated,
      funnel: change.funnelState === undefined ? (before?.funnel ?? null) : JSON.stringify(change.funnelState),
      deadline: wanted ? earliest(before?.deadline ?? null, change.sla.deadline) : (before?.deadline ?? null),
      warnAt: wanted ? earliest(before?.warnAt ?? null, change.sla.warnAt) : (before?.warnAt ?? null),
    });
  }
  return [...folded.values()];
};

/**
 * Applies messages' decisions to their conversations in one statement (none: no statement), several
 * messages of one conversation folded as if applied one after another. The rules that depend on the
 * row as it stands stay in SQL — reopen a resolved conversation; stamp qualified/escalated once; set
 * the first deadline, or tighten it, only while no first response is recorded — because an UPDATE
 * evaluates them on the latest row under its lock: a first response recorded meanwhile by another
 * transaction is seen, and no read round trip is added. Returns each conversation's deadlines after.
 */
export const applyDecisionsToConversations = async (
  trx: Db,
  changes: { conversationId: string; change: ConversationChange }[],
): Promise<Map<string, ConversationDeadlines>> => {
  const folded = foldChanges(changes);
  if (folded.length === 0) return new Map();
  const column = <K extends keyof FoldedChange>(key: K) => folded.map((change) => change[key]);
  const { rows } = await sql<ConversationDeadlines>`
    UPDATE conversations AS c SET
      needs_response = c.needs_response OR f.wanted,
      priority = f.priority,
      state = CASE WHEN f.wanted AND c.state = 'resolved' THEN 'open' ELSE c.state END,
      qualified_at = CASE WHEN f.qualified THEN coalesce(c.qualified_at, now()) ELSE c.qualified_at END,
      funnel_state = CASE WHEN f.funnel IS NULL THEN c.funnel_state ELSE f.funnel::jsonb END,
      escalated_at = CASE WHEN f.escalated THEN coalesce(c.escalated_at, now()) ELSE c.escalated_at END,
      sla_deadline_at = CASE WHEN NOT f.wanted OR c.first_response_at IS NOT NULL THEN c.sla_deadline_at
                             ELSE least(coalesce(c.sla_deadline_at, f.deadline), f.deadline) END,
      sla_warn_at = CASE WHEN NOT f.wanted OR c.first_response_at IS NOT NULL THEN c.sla_warn_at
                         ELSE least(coalesce(c.sla_warn_at, f.warn_at), f.warn_at) END,
      updated_at = now()
    FROM unnest(${column('id')}::bigint[], ${column('wanted')}::boolean[], ${column('priority')}::text[],
                ${column('qualified')}::boolean[], ${column('escalated')}::boolean[], ${column('funnel')}::text[],
                ${column('deadline')}::timestamptz[], ${column('warnAt')}::timestamptz[])
         AS f(id, wanted, priority, qualified, escalated, funnel, deadline, warn_at)
    WHERE c.id = f.id
    RETURNING c.id::text AS id, c.first_response_at, c.sla_deadline_at, c.sla_warn_at
  `.execute(trx);
  return new Map(rows.map((row) => [row.id, row]));
};

/** Applies a message's decisions to its conversation (see `applyDecisionsToConversations`). */
export const applyDecisionsToConversation = async (
  trx: Db,
  conversationId: string,
  change: ConversationChange,
): Promise<ConversationDeadlines> => {
  const applied = (await applyDecisionsToConversations(trx, [{ conversationId, change }])).get(conversationId);
  if (!applied) throw new Error(`conversation ${conversationId} not found`);
  return applied;
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
