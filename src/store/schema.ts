import type { ChatName } from '../domain/chat.js';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AutonomyTables } from './autonomy-schema.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
type Id = ColumnType<string, never, never>;
type Ref = ColumnType<string, string | number | bigint, string | number | bigint>;
type NullableRef = ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;

export interface AccountsTable {
  id: Generated<string> & Id;
  platform: string;
  external_id: string;
  name: string | null;
  created_at: Generated<Date>;
}

export interface ContactsTable {
  id: Generated<string> & Id;
  platform: string;
  external_id: string;
  name: string | null;
  username: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  first_seen_at: Generated<Date>;
  last_seen_at: Timestamp;
}

export interface InboundEventsTable {
  id: Generated<string> & Id;
  source: string;
  dedupe_key: string;
  payload: Json;
  received_at: Generated<Date>;
  processed_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  attempts: Generated<number>;
  last_error: string | null;
  /** 0008: the raw payload was erased (retention or a person's erasure). */
  erased_at: NullableTimestamp;
}

export interface ConversationsTable {
  id: Generated<string> & Id;
  platform: string;
  account_id: Ref;
  contact_id: Ref;
  kind: 'comment' | 'dm';
  external_key: string;
  state: ColumnType<'open' | 'waiting' | 'resolved' | 'ignored', string | undefined, string>;
  needs_response: Generated<boolean>;
  priority: Generated<string>;
  assignee: string | null;
  first_inbound_at: Timestamp;
  last_inbound_at: Timestamp;
  first_response_at: NullableTimestamp;
  first_response_by: 'automation' | 'human' | null;
  sla_deadline_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  funnel_state: Json<Record<string, unknown> | null> | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** 0002: someone pressed Acknowledge on the escalation. */
  acknowledged_at: NullableTimestamp;
  sla_warn_at: NullableTimestamp;
  sla_warned_at: NullableTimestamp;
  sla_breached_at: NullableTimestamp;
  /** 0002: lead funnel stages, each set once when first reached. */
  qualified_at: NullableTimestamp;
  booked_at: NullableTimestamp;
  converted_at: NullableTimestamp;
}

export interface MessagesTable {
  id: Generated<string> & Id;
  event_id: NullableRef;
  platform: string;
  external_id: string;
  direction: 'inbound' | 'outbound';
  kind: 'comment' | 'reply' | 'dm';
  account_id: Ref;
  contact_id: Ref;
  conversation_id: Ref;
  text: string;
  post_id: string | null;
  post_url: string | null;
  parent_external_id: string | null;
  language: string | null;
  sentiment: number | null;
  from_self: Generated<boolean>;
  hidden: Generated<boolean>;
  created_at: Timestamp;
  received_at: Generated<Date>;
  edited_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  /** 0002: 'rules' when automation handled it with no card; 'person' once someone acted on it. */
  handled_by: ColumnType<'rules' | 'person' | null, 'rules' | 'person' | null | undefined, 'rules' | 'person' | null>;
  /** 0007: the text the author's latest edit replaced. */
  previous_text: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0007: the author removed it on the platform (our own delete leaves this null). */
  author_deleted_at: NullableTimestamp;
  /** 0008: the text (and everything quoting it) was erased (retention or a person's erasure). */
  erased_at: NullableTimestamp;
}

export interface DecisionsTable {
  id: Generated<string> & Id;
  message_id: Ref;
  kind: string;
  rule: string;
  matched: ColumnType<string[], string[] | undefined, string[]>;
  detail: Json<Record<string, unknown>>;
  reversed_at: NullableTimestamp;
  reversed_by: string | null;
  created_at: Generated<Date>;
}

export interface CardsTable {
  id: Generated<string> & Id;
  conversation_id: Ref;
  message_id: Ref;
  /** 0009: set only on cards made when each chat got its own card of a message (the chat it was opened for). */
  split_chat: ChatName | null;
  state: ColumnType<'open' | 'acting' | 'resolved' | 'failed', string | undefined, string>;
  version: Generated<number>;
  priority: Generated<string>;
  draft: string | null;
  draft_source: string | null;
  draft_note: string | null;
  reasons: Json<unknown[]>;
  last_action: string | null;
  last_actor: string | null;
  last_acted_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** 0002: what a person did with the draft: sent it unchanged, edited it, or closed the card without it. */
  draft_outcome: ColumnType<
    'approved' | 'edited' | 'rejected' | null,
    'approved' | 'edited' | 'rejected' | null | undefined,
    'approved' | 'edited' | 'rejected' | null
  >;
  /** 0008: erased at the author's request: the card says so instead of showing what they wrote. */
  redacted_at: NullableTimestamp;
  /** 0017: a storm card's post ('<platform>:<post id>'): routine cards on it fold into this card. */
  storm_post: ColumnType<string | null, string | null | undefined, string | null>;
}

/** 0009: where a card is shown, one row per chat: its channel, its message once posted, its own post attempt. */
export interface CardPlacementsTable {
  id: Generated<string> & Id;
  card_id: Ref;
  chat: ChatName;
  channel: string;
  chat_message_id: string | null;
  post_attempted_at: NullableTimestamp;
  posted_at: NullableTimestamp;
  created_at: Generated<Date>;
  /** 0017: folded into this storm card's placement (same chat) instead of being posted on its own. */
  folded_into: NullableRef;
  folded_at: NullableTimestamp;
  /** 0017: Unfold asked for this folded placement to be posted on its own (once). */
  unfolded_at: NullableTimestamp;
  /** 0017: on a storm card's placement: a coalesced update is queued for this time. */
  fold_flush_due_at: NullableTimestamp;
  /** 0017: on a storm card's placement: the last folded placement listed in its thread. */
  fold_noted_through: NullableRef;
}

export interface ActionsTable {
  id: Generated<string> & Id;
  idempotency_key: string;
  kind: string;
  platform: string;
  target: string;
  payload: Json<Record<string, unknown>>;
  /** 'succeeded' is the stored name for done (KPI queries read it). */
  status: ColumnType<'pending' | 'in_flight' | 'succeeded' | 'failed' | 'unknown' | 'cancelled', string | undefined, string>;
  attempts: Generated<number>;
  requested_by: string;
  conversation_id: NullableRef;
  message_id: NullableRef;
  decision_id: NullableRef;
  card_id: NullableRef;
  result: Json<Record<string, unknown> | null> | null;
  error: string | null;
  created_at: Generated<Date>;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  /** 0006: the worker whose attempt is in flight, and until when it holds the action. */
  owner: string | null;
  lease_until: NullableTimestamp;
  /** 0006: the next attempt asks the platform first (the last one's outcome is unknown). */
  verify_first: Generated<boolean>;
  /** 0006: who chose to send again although the platform could not confirm the first send. */
  resend_approved_by: string | null;
}

export interface AuditLogTable {
  id: Generated<string> & Id;
  at: Generated<Date>;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  detail: Json<Record<string, unknown>>;
}

export interface EscalationsTable {
  id: Generated<string> & Id;
  conversation_id: Ref;
  card_id: Ref;
  chat: ChatName;
  channel: string;
  alert_message_id: string | null;
  alert_attempted_at: Date | null;
  reason: string;
  priority: Generated<string>;
  escalated_by: string;
  pings: Generated<number>;
  last_ping_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
  created_at: Generated<Date>;
}

/** 0005: one row per polled source (cursor, quota spent, schedule, lease). */
export interface PollingCursorsTable {
  source: string;
  cursor: string | null;
  units_used: Generated<number>;
  /** The reset that ends the window units_used was spent in. */
  quota_resets_at: NullableTimestamp;
  next_poll_at: NullableTimestamp;
  leased_until: NullableTimestamp;
  lease_holder: string | null;
  failures: Generated<number>;
  last_error: string | null;
  last_polled_at: NullableTimestamp;
  updated_at: Generated<Date>;
}

export interface Database extends AutonomyTables {
  accounts: AccountsTable;
  contacts: ContactsTable;
  inbound_events: InboundEventsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  decisions: DecisionsTable;
  cards: CardsTable;
  card_placements: CardPlacementsTable;
  actions: ActionsTable;
  audit_log: AuditLogTable;
  escalations: EscalationsTable;
  polling_cursors: PollingCursorsTable;
}

export type Card = Selectable<CardsTable>;
export type CardPlacementRow = Selectable<CardPlacementsTable>;
export type Action = Selectable<ActionsTable>;
export type NewAction = Insertable<ActionsTable>;
export type InboundEvent = Selectable<InboundEventsTable>;
export type Conversation = Selectable<ConversationsTable>;
export type ConversationUpdate = Updateable<ConversationsTable>;
export type Escalation = Selectable<EscalationsTable>;
export type PollingCursor = Selectable<PollingCursorsTable>;
