import type { ChatName } from '../domain/chat.js';
import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import type { DeliveryStatus, PlatformClient } from '../domain/source.js';
import type { Db } from '../store/db.js';
import type { Action } from '../store/schema.js';
import type { SlaPolicy } from '../sla/deadline.js';
import type { Judgement } from './judge-apply.js';
import type { MessageJudge } from './judge-message.js';
import type { LoadedHistory } from './load-context.js';

/** What the shell worked out before deciding (an LLM's sentiment score), overriding the engine's own. */
export interface KnownFeatures {
  language?: string;
  sentiment?: number;
  /** The model judge's verdict on a message the playbook marked unsure, applied after the rules decide. */
  judgement?: Judgement;
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
  chat: ChatName;
  channel: string;
}

/** Where a message's cards may go: the configured chats, what each rule asks for, and the card channel per chat and account. */
export interface CardRouting {
  /** The configured chats, in order. */
  chats: readonly ChatName[];
  /** The chats a rule sends its cards to, for rules that say (`chats:` in the playbook); other rules send to every chat. */
  ruleChats: ReadonlyMap<string, readonly ChatName[]>;
  /** The card channel in a chat for the account that received a message (the account's own, else the chat's); undefined: none. */
  cardChannel: (chat: ChatName, account: { platform: string; accountId: string }) => string | undefined;
}

/** A card the pipeline opened, and the chats it is shown in (each posted on its own). */
export interface OpenedCard {
  cardId: string;
  chats: ChatName[];
}

/** Account rows never change id: one map per process (per database) saves a round trip on every message. */
export type AccountIds = Map<string, string>;

export interface PipelineDeps {
  db: Db;
  decide: DecideFn;
  signals: SignalsFn;
  platformClients: ReadonlyMap<string, PlatformClient>;
  cardRouting: CardRouting;
  /** Where escalations go, per chat (undefined: no escalation channel configured). */
  escalationChannel: (chat: ChatName) => string | undefined;
  sla: SlaPolicy;
  now: () => Date;
  accountIds: AccountIds;
  /** The optional model judge (the playbook's `judge:` with OPENAI_API_KEY set). */
  judge?: MessageJudge | undefined;
  /** The optional LLM sentiment classifier; undefined when the lexicon decides alone. */
  classifySentiment?: ((text: string) => Promise<number | undefined>) | undefined;
  /** Settles the action a delivery status names (src/actions); without it, statuses are only recorded. */
  settleDelivery?: SettleDelivery | undefined;
  /** Brings the autonomy levels `decide` applies up to date (chat-set overlays; cached, so usually free). */
  refreshLevels?: ((db: Db) => Promise<void>) | undefined;
}

/** What a delivery status did to its action: the outcome to announce, and a line for the card's thread. */
export interface DeliveryOutcome {
  settled?: { status: 'succeeded'; action: Action } | { status: 'failed'; action: Action; error: string };
  note?: { cardId: string; key: string; text: string };
}

export type SettleDelivery = (trx: Db, status: DeliveryStatus) => Promise<DeliveryOutcome | undefined>;

export interface PipelineOutcome {
  actionIds: string[];
  cards: OpenedCard[];
  /** Conversations that just got a response deadline: their SLA timers start after commit. */
  slaTimers: { id: string; sla_warn_at: Date | null; sla_deadline_at: Date | null }[];
  /** Cards whose draft came from a decision and may be rewritten (LLM) before posting. */
  drafts: { cardId: string; message: Message; decision: Decision }[];
  /** Posted cards whose message changed (an author's edit or removal): re-rendered after commit. */
  cardUpdates: { cardId: string; version: number }[];
  /** Actions settled by a platform's delivery status (WhatsApp): announced on their cards after commit. */
  deliveries?: DeliveryOutcome[];
  /** Replies held for a veto countdown (autonomy: veto): their timers start after commit. */
  vetoTimers?: { vetoId: string; at: Date }[];
  /** Automatic actions of rules at `auto`: their lines (with Undo) go to the day's log thread after commit. */
  undoLines?: string[];
}

export const NOTHING: PipelineOutcome = { actionIds: [], cards: [], slaTimers: [], drafts: [], cardUpdates: [] };

/** Rewrites a card's draft before it is shown (LLM + guardrails); template drafts pass through. */
export type DraftRewriter = (input: { message: Message; decision: Decision }) => Promise<{ text: string; source: string; note?: string }>;
