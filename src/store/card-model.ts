import { sql } from 'kysely';
import { z } from 'zod';
import { PRIORITIES, type Priority } from '../domain/decision.js';
import type { Db } from './db.js';
import { prepareAs } from './prepared-statements.js';
import type { VetoState } from './autonomy-schema.js';
import type { Card } from './schema.js';

/** Actions as the card query aggregates them (JSON: timestamps arrive as text). */
const actionHistorySchema = z.array(
  z.object({
    kind: z.string(),
    status: z.string(),
    requested_by: z.string(),
    error: z.string().nullable(),
    created_at: z.coerce.date(),
    finished_at: z.coerce.date().nullable(),
  }),
);

export type CardActionHistory = z.infer<typeof actionHistorySchema>;

/** The message's latest held reply (autonomy: veto), as the card query returns it. */
const heldReplySchema = z
  .object({
    state: z.enum(['pending', 'stopped', 'sent', 'superseded', 'demoted'] satisfies VetoState[]),
    deadline_at: z.coerce.date(),
    decided_by: z.string().nullable(),
  })
  .nullable();

/** The rule that acted on its own on the message (veto or auto), as the card query returns it. */
const actingRuleSchema = z.object({ rule: z.string(), level: z.enum(['veto', 'auto']) }).nullable();

/** Everything around a card's message that a person needs to decide. */
export interface CardContext {
  message: {
    id: string;
    platform: string;
    kind: 'comment' | 'reply' | 'dm';
    text: string;
    post_url: string | null;
    parent_external_id: string | null;
    language: string | null;
    sentiment: number | null;
    hidden: boolean;
    created_at: Date;
    /** The author's latest edit and the text it replaced. */
    edited_at: Date | null;
    previous_text: string | null;
    author_deleted_at: Date | null;
  };
  contact: { id: string; name: string | null; username: string | null; external_id: string; tags: string[] };
  account: { name: string | null; external_id: string };
  conversation: {
    id: string;
    assignee: string | null;
    escalated_at: Date | null;
    sla_deadline_at: Date | null;
    booked_at: Date | null;
    converted_at: Date | null;
  };
  escalation: { acknowledged_at: Date | null } | undefined;
  /** The author's other inbound messages since `since`, and how many of them were handed off. */
  recentMessages: number;
  pastHandoffs: number;
  /** Actions on the card or its message, oldest first. */
  actions: CardActionHistory;
  /** The message's latest held reply, when a rule at veto held one. */
  heldReply: { state: VetoState; deadlineAt: Date; decidedBy: string | null } | undefined;
  /**
   * The rule that produced this card while acting on its own: the first decision on the message marked
   * for a countdown or as automatic, of a rule among the card's reasons (a rule that only hid the
   * comment did not produce the card).
   */
  actingRule: { rule: string; level: 'veto' | 'auto' } | undefined;
}

/**
 * One round trip for everything the card is about (cards are rendered on every change): the
 * author's recent history, the action history, the held reply and the acting rule come back as
 * subqueries of the same row.
 */
export const loadCardContext = async (db: Db, card: Pick<Card, 'id' | 'message_id'>, since: Date): Promise<CardContext> =>
  toCardContext(await selectCardRow(db, card, since));

/** The card query's one row: the message's columns, then the rest (timestamps as Dates; counts as text, as Postgres sends bigint). */
type CardRow = CardContext['message'] & {
  contact_id: string;
  contact_name: string | null;
  contact_username: string | null;
  contact_external_id: string;
  contact_tags: string[];
  account_name: string | null;
  account_external_id: string;
  conversation_id: string;
  assignee: string | null;
  escalated_at: Date | null;
  sla_deadline_at: Date | null;
  booked_at: Date | null;
  converted_at: Date | null;
  escalation_id: string | null;
  escalation_acknowledged_at: Date | null;
  recent_messages: string;
  past_handoffs: string;
  actions: unknown;
  held_reply: unknown;
  acting_rule: unknown;
};

const selectCardRow = async (db: Db, card: Pick<Card, 'id' | 'message_id'>, since: Date): Promise<CardRow> => {
  const row = (await cardContextStatement(card, since).execute(db)).rows[0];
  if (!row) throw new Error(`card ${card.id}: its message ${card.message_id} is not stored`);
  return row;
};

// Prepared by name: planning it cost five times more than running it (see prepared-statements.ts).
const PREPARED_CARD_CONTEXT = sql.raw(prepareAs('card_context'));

/**
 * The card's context query, unexecuted (its cost is tested from its plan). Written as one SQL text,
 * not built: it runs on every render, and building and compiling it cost more than running it.
 */
export const cardContextStatement = (card: Pick<Card, 'id' | 'message_id'>, since: Date) => sql<CardRow>`
  ${PREPARED_CARD_CONTEXT}
  SELECT m.id, m.platform, m.kind, m.text, m.post_url, m.parent_external_id, m.language, m.sentiment, m.hidden,
         m.created_at, m.edited_at, m.previous_text, m.author_deleted_at,
         p.id AS contact_id, p.name AS contact_name, p.username AS contact_username, p.external_id AS contact_external_id,
         p.tags AS contact_tags, a.name AS account_name, a.external_id AS account_external_id,
         v.id AS conversation_id, v.assignee, v.escalated_at, v.sla_deadline_at, v.booked_at, v.converted_at,
         e.id AS escalation_id, e.acknowledged_at AS escalation_acknowledged_at,
         -- "<> 'outbound'" means inbound (the column allows only the two) but, unlike "= 'inbound'", cannot be
         -- served by the KPI index of inbound messages by time: without fresh statistics the planner took
         -- it and read the whole month of everyone's messages to count one author's.
         (SELECT count(*) FROM messages h
          WHERE h.contact_id = m.contact_id AND h.direction <> 'outbound' AND h.id <> m.id AND h.created_at >= ${since}) AS recent_messages,
         (SELECT count(*) FROM messages h JOIN decisions d ON d.message_id = h.id AND d.kind = 'handoff'
          WHERE h.contact_id = m.contact_id AND h.direction <> 'outbound' AND h.id <> m.id AND h.created_at >= ${since}) AS past_handoffs,
         (SELECT coalesce(json_agg(json_build_object('kind', x.kind, 'status', x.status, 'requested_by', x.requested_by, 'error', x.error,
                                                     'created_at', x.created_at, 'finished_at', x.finished_at) ORDER BY x.created_at, x.id), '[]')
          FROM actions x WHERE x.card_id = ${card.id} OR x.message_id = m.id) AS actions,
         (SELECT json_build_object('state', h.state, 'deadline_at', h.deadline_at, 'decided_by', h.decided_by)
          FROM autonomy_vetoes h WHERE h.message_id = m.id ORDER BY h.id DESC LIMIT 1) AS held_reply,
         (SELECT json_build_object('rule', d.rule, 'level', d.detail->>'autonomy')
          FROM decisions d
          WHERE d.message_id = m.id AND d.detail->>'autonomy' IN ('veto', 'auto')
            AND d.rule IN (SELECT jsonb_array_elements(c.reasons)->>'rule' FROM cards c WHERE c.id = ${card.id})
          ORDER BY d.id LIMIT 1) AS acting_rule
  FROM messages m
  JOIN contacts p ON p.id = m.contact_id
  JOIN accounts a ON a.id = m.account_id
  JOIN conversations v ON v.id = m.conversation_id
  -- One escalation state per card, whatever the number of chats it rings in (they are acknowledged together).
  LEFT JOIN (SELECT min(id) AS id, max(acknowledged_at) AS acknowledged_at FROM escalations WHERE card_id = ${card.id} GROUP BY card_id) e ON true
  WHERE m.id = ${card.message_id}`;

const toCardContext = (row: CardRow): CardContext => ({
  message: row,
  contact: {
    id: row.contact_id,
    name: row.contact_name,
    username: row.contact_username,
    external_id: row.contact_external_id,
    tags: row.contact_tags,
  },
  account: { name: row.account_name, external_id: row.account_external_id },
  conversation: {
    id: row.conversation_id,
    assignee: row.assignee,
    escalated_at: row.escalated_at,
    sla_deadline_at: row.sla_deadline_at,
    booked_at: row.booked_at,
    converted_at: row.converted_at,
  },
  escalation: row.escalation_id ? { acknowledged_at: row.escalation_acknowledged_at } : undefined,
  recentMessages: Number(row.recent_messages),
  pastHandoffs: Number(row.past_handoffs),
  actions: actionHistorySchema.parse(row.actions),
  heldReply: heldReplyOf(heldReplySchema.parse(row.held_reply)),
  actingRule: actingRuleSchema.parse(row.acting_rule) ?? undefined,
});

const heldReplyOf = (row: z.infer<typeof heldReplySchema>): CardContext['heldReply'] =>
  row ? { state: row.state, deadlineAt: row.deadline_at, decidedBy: row.decided_by } : undefined;

/** The text of the comment a reply answers, when we have it. */
export const findParentText = async (db: Db, platform: string, parentExternalId: string): Promise<string | undefined> =>
  (
    await db
      .selectFrom('messages')
      .select('text')
      .where('platform', '=', platform)
      .where('external_id', '=', parentExternalId)
      .executeTakeFirst()
  )?.text;

export interface ThreadLine {
  text: string;
  created_at: Date;
  direction: 'inbound' | 'outbound';
}

/** The last `limit` messages of the conversation before this one, oldest first. */
export const findThreadBefore = async (
  db: Db,
  message: { id: string; conversationId: string; createdAt: Date },
  limit = 5,
): Promise<ThreadLine[]> => {
  const lines = await db
    .selectFrom('messages')
    .select(['text', 'created_at', 'direction'])
    .where('conversation_id', '=', message.conversationId)
    .where('id', '!=', message.id)
    .where('created_at', '<=', message.createdAt)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return lines.reverse();
};

export interface CardVersion {
  id: string;
  version: number;
}

/** The message's cards show something new (an edit, a removal): a new version, so the chat's copy is re-rendered. */
export const markMessageCardsChanged = async (trx: Db, messageId: string): Promise<CardVersion[]> =>
  trx
    .updateTable('cards')
    .set({ version: sql`cards.version + 1`, updated_at: sql`now()` })
    .where('message_id', '=', messageId)
    .returning(['id', 'version'])
    .execute();

/** New grounds for a person on a message that already has cards: added reasons, the higher priority, reopened if resolved. */
export interface CardGrounds {
  reasons: { rule: string; kind: string; matched: string[] }[];
  priority: Priority;
  draft: { text: string; source: string } | undefined;
}

const rank = (priority: unknown) => sql<number>`array_position(${sql.val([...PRIORITIES])}::text[], ${priority})`;

export const addGroundsToMessageCards = async (trx: Db, messageId: string, grounds: CardGrounds): Promise<CardVersion[]> =>
  trx
    .updateTable('cards')
    .set({
      reasons: sql`cards.reasons || ${JSON.stringify(grounds.reasons)}::jsonb`,
      priority: sql`CASE WHEN ${rank(grounds.priority)} > coalesce(${rank(sql.ref('cards.priority'))}, 0) THEN ${grounds.priority} ELSE cards.priority END`,
      state: sql`CASE WHEN cards.state = 'resolved' THEN 'open' ELSE cards.state END`,
      draft: sql`coalesce(cards.draft, ${grounds.draft?.text ?? null})`,
      draft_source: sql`CASE WHEN cards.draft IS NULL THEN ${grounds.draft?.source ?? null} ELSE cards.draft_source END`,
      version: sql`cards.version + 1`,
      updated_at: sql`now()`,
    })
    .where('message_id', '=', messageId)
    .returning(['id', 'version'])
    .execute();
