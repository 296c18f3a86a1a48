import type { ColumnType, Generated, Selectable } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Id = ColumnType<string, never, never>;
type Ref = ColumnType<string, string | number | bigint, string | number | bigint>;
type NullableRef = ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;

/** 'demoted' (0016): the rule went back to draft while the countdown ran; the reply was not sent. */
export type VetoState = 'pending' | 'stopped' | 'sent' | 'superseded' | 'demoted';

/** 0015: a rule's reply held for a countdown; its state moves once, away from 'pending'. */
export interface AutonomyVetoesTable {
  id: Generated<string> & Id;
  decision_id: Ref;
  message_id: Ref;
  conversation_id: Ref;
  card_id: Ref;
  rule: string;
  deadline_at: Timestamp;
  state: ColumnType<VetoState, VetoState | undefined, VetoState>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  action_id: NullableRef;
  created_at: Generated<Date>;
}

/** 0015: one automatic action's way back, open until `undo_until`, taken at most once. */
export interface AutonomyUndosTable {
  id: Generated<string> & Id;
  action_id: Ref;
  rule: string;
  undo_until: Timestamp;
  log_chat: string | null;
  log_channel: string | null;
  log_message_id: string | null;
  undone_by: string | null;
  undone_at: NullableTimestamp;
  undo_action_id: NullableRef;
  created_at: Generated<Date>;
}

/** 0015: the day's log thread of a chat channel (`thread_id` once posted). */
export interface AutonomyLogThreadsTable {
  chat: string;
  channel: string;
  day: string;
  thread_id: string | null;
}

type Level = 'draft' | 'veto' | 'auto';

/** 0016: a rule's level set from chat, over the playbook file's level (`file_level`, as it was then). */
export interface AutonomyOverlaysTable {
  rule: string;
  level: Level;
  file_level: Level;
  set_by: string;
  why: string;
  figures: string | null;
  since: Timestamp;
}

export type SuggestionState = 'open' | 'promoted' | 'declined' | 'withdrawn';

/** 0016: a promotion offered in the card channel; at most one open per rule, decided once. */
export interface AutonomySuggestionsTable {
  id: Generated<string> & Id;
  rule: string;
  from_level: Level;
  to_level: Level;
  figures: string;
  state: ColumnType<SuggestionState, SuggestionState | undefined, SuggestionState>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  /** Not now: no new suggestion for the rule before this. */
  quiet_until: NullableTimestamp;
  created_at: Generated<Date>;
}

/** 0016: where a suggestion was posted, one row per chat channel (`message_id` once posted). */
export interface AutonomySuggestionPostsTable {
  suggestion_id: Ref;
  chat: string;
  channel: string;
  message_id: string | null;
}

export interface AutonomyTables {
  autonomy_vetoes: AutonomyVetoesTable;
  autonomy_undos: AutonomyUndosTable;
  autonomy_log_threads: AutonomyLogThreadsTable;
  autonomy_overlays: AutonomyOverlaysTable;
  autonomy_suggestions: AutonomySuggestionsTable;
  autonomy_suggestion_posts: AutonomySuggestionPostsTable;
}

export type Veto = Selectable<AutonomyVetoesTable>;
export type Undo = Selectable<AutonomyUndosTable>;
export type Overlay = Selectable<AutonomyOverlaysTable>;
export type Suggestion = Selectable<AutonomySuggestionsTable>;
