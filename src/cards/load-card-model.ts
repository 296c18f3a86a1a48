import { sql } from 'kysely';
import { z } from 'zod';
import type { PlatformAction } from '../domain/action.js';
import type { CardButton, CardHistoryLine, CardModel, CardReason } from '../domain/card.js';
import { PRIORITIES, type Priority } from '../domain/decision.js';
import type { Db } from '../store/db.js';
import type { Card } from '../store/schema.js';
import { platformName } from '../domain/platform.js';
import { describeAction, snippet } from './describe.js';

export type Supports = (platform: string, action: PlatformAction) => boolean;

const reasonsSchema = z.array(z.object({ rule: z.string(), kind: z.string(), matched: z.array(z.string()) }));

/** 'slack:U123' → 'U123' (each chat renders its own users as mentions); 'rule:x' → 'rule x'. */
const actorOf = (requestedBy: string): string => {
  const [kind, ...rest] = requestedBy.split(':');
  const id = rest.join(':');
  if (kind === 'rule') return `rule ${id}`;
  return id === '' ? requestedBy : id;
};

const headlineReason = (reasons: CardReason[]): string => {
  const main = reasons.find((reason) => reason.kind === 'escalate') ?? reasons.find((reason) => reason.kind === 'handoff') ?? reasons[0];
  if (!main) return 'Needs a person';
  const term = main.matched[0];
  return term ? `${main.rule} (“${term}”)` : main.rule;
};

interface ButtonFacts {
  replied: boolean;
  hidden: boolean;
  isDm: boolean;
  platform: string;
  assigned: boolean;
  escalated: boolean;
  awaitingAcknowledge: boolean;
  isLead: boolean;
  booked: boolean;
  converted: boolean;
}

/** A lead's next funnel step, which a person marks (a call booked, a sale made) — also after the card is resolved. */
const leadButtons = (facts: ButtonFacts): CardButton[] => {
  if (!facts.isLead || facts.converted) return [];
  return facts.booked ? ['converted'] : ['booked', 'converted'];
};

/** Only buttons that can work now: what the platform supports and what has not been done already. */
const chooseButtons = (card: Card, facts: ButtonFacts, supports: Supports): CardButton[] => {
  if (card.state === 'acting') return [];
  if (card.state === 'resolved') return leadButtons(facts);
  const buttons: CardButton[] = [];
  const canReply = supports(facts.platform, facts.isDm ? 'send_dm' : 'reply');
  if (!facts.replied && canReply && card.draft) buttons.push('approve');
  if (!facts.replied && canReply) buttons.push('edit');
  if (!facts.assigned) buttons.push('claim');
  if (facts.awaitingAcknowledge) buttons.push('acknowledge');
  else if (!facts.escalated) buttons.push('escalate');
  if (!facts.isDm) {
    if (facts.hidden && supports(facts.platform, 'unhide')) buttons.push('unhide');
    if (!facts.hidden && supports(facts.platform, 'hide')) buttons.push('hide');
  }
  if (supports(facts.platform, 'block')) buttons.push('block');
  if (!facts.isLead) buttons.push('tag_lead');
  buttons.push(...leadButtons(facts), 'resolve');
  return buttons;
};

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

/** Everything a person needs to decide, gathered from the store into the platform-neutral card. */
export const loadCardModel = async (db: Db, cardId: string, supports: Supports, known?: Card): Promise<CardModel | undefined> => {
  const card = known ?? (await db.selectFrom('cards').selectAll().where('id', '=', cardId).executeTakeFirst());
  if (!card) return undefined;
  // One round trip for everything the card is about (cards are rendered on every change):
  // the author's last month and the action history come back as subqueries of the same row.
  const monthAgo = new Date(Date.now() - 30 * 86_400_000);
  const row = await db
    .selectFrom('messages as m')
    .innerJoin('contacts as p', 'p.id', 'm.contact_id')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .innerJoin('conversations as v', 'v.id', 'm.conversation_id')
    .leftJoin('escalations as e', (join) => join.on('e.card_id', '=', card.id))
    .select([
      'm.id',
      'm.platform',
      'm.kind',
      'm.text',
      'm.post_url',
      'm.parent_external_id',
      'm.language',
      'm.sentiment',
      'm.hidden',
      'm.created_at',
      'p.id as contact_id',
      'p.name as contact_name',
      'p.username as contact_username',
      'p.external_id as contact_external_id',
      'p.tags as contact_tags',
      'a.name as account_name',
      'a.external_id as account_external_id',
      'v.id as conversation_id',
      'v.assignee',
      'v.escalated_at',
      'v.sla_deadline_at',
      'v.booked_at',
      'v.converted_at',
      'e.id as escalation_id',
      'e.acknowledged_at as escalation_acknowledged_at',
      sql<string>`(SELECT count(*) FROM messages h WHERE h.contact_id = m.contact_id AND h.direction = 'inbound'
                    AND h.id <> m.id AND h.created_at >= ${monthAgo})`.as('recent_messages'),
      sql<string>`(SELECT count(*) FROM messages h JOIN decisions d ON d.message_id = h.id AND d.kind = 'handoff'
                    WHERE h.contact_id = m.contact_id AND h.direction = 'inbound' AND h.id <> m.id AND h.created_at >= ${monthAgo})`.as(
        'past_handoffs',
      ),
      sql<unknown>`(SELECT coalesce(json_agg(json_build_object('kind', x.kind, 'status', x.status, 'requested_by', x.requested_by, 'error', x.error,
                                                        'created_at', x.created_at, 'finished_at', x.finished_at) ORDER BY x.created_at, x.id), '[]')
                    FROM actions x WHERE x.card_id = ${card.id} OR x.message_id = m.id)`.as('actions'),
    ])
    .where('m.id', '=', card.message_id)
    .executeTakeFirstOrThrow();
  const message = row;
  const contact = {
    id: row.contact_id,
    name: row.contact_name,
    username: row.contact_username,
    external_id: row.contact_external_id,
    tags: row.contact_tags,
  };
  const account = { name: row.account_name, external_id: row.account_external_id };
  const conversation = {
    id: row.conversation_id,
    assignee: row.assignee,
    escalated_at: row.escalated_at,
    sla_deadline_at: row.sla_deadline_at,
  };
  const escalation = row.escalation_id ? { acknowledged_at: row.escalation_acknowledged_at } : undefined;
  const counts = { messages: row.recent_messages, handoffs: row.past_handoffs };

  const parent = message.parent_external_id
    ? await db
        .selectFrom('messages')
        .select('text')
        .where('platform', '=', message.platform)
        .where('external_id', '=', message.parent_external_id)
        .executeTakeFirst()
    : undefined;
  const thread =
    message.kind === 'dm'
      ? (
          await db
            .selectFrom('messages')
            .select(['text', 'created_at', 'direction'])
            .where('conversation_id', '=', conversation.id)
            .where('id', '!=', message.id)
            .where('created_at', '<=', message.created_at)
            .orderBy('created_at', 'desc')
            .limit(5)
            .execute()
        ).reverse()
      : [];

  const actions = actionHistorySchema.parse(row.actions);
  const history: CardHistoryLine[] = actions.map((action) => ({
    actor: actorOf(action.requested_by),
    what: describeAction(action.kind, action.requested_by.startsWith('rule:')),
    at: action.finished_at ?? action.created_at,
    outcome: action.status === 'succeeded' ? 'ok' : action.status === 'failed' ? 'failed' : 'pending',
    ...(action.error ? { detail: action.error } : {}),
  }));
  const replied = actions.some(
    (action) => ['reply', 'send_dm'].includes(action.kind) && action.status !== 'failed' && !action.requested_by.startsWith('rule:'),
  );

  const reasons = reasonsSchema.parse(card.reasons);
  const priority: Priority = (PRIORITIES as readonly string[]).includes(card.priority) ? (card.priority as Priority) : 'normal';
  const authorName = contact.name ?? contact.username ?? contact.external_id;
  const model: CardModel = {
    cardId: card.id,
    version: card.version,
    headline: `${headlineReason(reasons)} · ${platformName(message.platform)} · ${authorName}: “${snippet(message.text)}”`,
    platform: message.platform,
    accountName: account.name ?? account.external_id,
    author: {
      name: authorName,
      ...(contact.username ? { username: contact.username } : {}),
      recentMessages: Number(counts.messages),
      pastHandoffs: Number(counts.handoffs),
      tags: contact.tags,
    },
    message: {
      text: message.text,
      ...(message.post_url ? { postUrl: message.post_url } : {}),
      ...(parent ? { parentText: parent.text } : {}),
      thread: thread.map((line) => ({ from: line.direction === 'inbound' ? authorName : 'us', text: line.text, at: line.created_at })),
    },
    reasons,
    ...(message.language ? { language: message.language } : {}),
    ...(message.sentiment === null ? {} : { sentiment: message.sentiment }),
    priority,
    ...(conversation.sla_deadline_at ? { slaDeadline: conversation.sla_deadline_at } : {}),
    ...(card.draft
      ? { draft: { text: card.draft, source: card.draft_source ?? 'template', ...(card.draft_note ? { note: card.draft_note } : {}) } }
      : {}),
    state: card.state,
    history,
    buttons: chooseButtons(
      card,
      {
        replied,
        hidden: message.hidden,
        isDm: message.kind === 'dm',
        platform: message.platform,
        assigned: conversation.assignee !== null,
        escalated: conversation.escalated_at !== null || escalation !== undefined,
        awaitingAcknowledge: escalation !== undefined && escalation.acknowledged_at === null,
        isLead: contact.tags.includes('lead'),
        booked: row.booked_at !== null,
        converted: row.converted_at !== null,
      },
      supports,
    ),
  };
  return model;
};
