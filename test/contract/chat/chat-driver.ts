import type { CardButton } from '../../../src/domain/card.js';
import type { FakeGraph } from '../../fakes/fake-graph.js';
import type { IsolatedDatabase } from '../../support/isolated.js';

/**
 * The people of the contract. Each driver gives them accounts in its own chat; scenarios only
 * ever name them. `dana` is the person escalations ping; `erin` is messaged at the end of a ladder;
 * `gwen` is a guest of the workspace and `xavi` is from another organisation (a shared channel).
 */
export const PEOPLE = ['alice', 'bob', 'carol', 'dana', 'erin', 'gwen', 'xavi'] as const;
export type Person = (typeof PEOPLE)[number];

/** A press that must not count: sent from another workspace, another channel, or another message than the card's. */
export type ForgedPress = 'another-workspace' | 'another-channel' | 'another-message';

/** A posted card or alert, by the chat's own message id. */
export interface CardRef {
  readonly id: string;
}

/**
 * A card as a person sees it, in words. Mentions that ping read `@alice` (people of the contract)
 * or `@here`; chat markup, escaping and dates are resolved to their visible text.
 */
export interface CardView extends CardRef {
  /** The first line: what a phone shows on the lock screen. */
  title: string;
  /** Visible buttons, by their neutral names, in order. */
  buttons: CardButton[];
  /** What each button asks before it acts ("Block Customer 3 on Facebook?"). */
  confirmations: Partial<Record<CardButton, string>>;
  /** The draft reply as shown, or undefined when the card has none. */
  draft: string | undefined;
  /** The card's history: who did what, oldest first. */
  history: string[];
  /** Lines in the card's thread, oldest first. */
  notes: string[];
  /** A storm card's fold section (what folded into it, by reason, the newest excerpts), line by line; empty on other cards. */
  storm: string[];
}

/** A line of the day's automatic-actions log thread (not the message the thread hangs on), in words. */
export interface LogLineView {
  readonly id: string;
  text: string;
  buttons: CardButton[];
}

/** An escalation post, in words. */
export interface AlertView extends CardRef {
  title: string;
  /** Who the post pings with a real mention (a bare "@name" in text would not ping). */
  mentions: string[];
  /** The card the alert links to, by its id; undefined when it links nowhere. */
  linkedCard: string | undefined;
  buttons: CardButton[];
  /** Re-pings in the alert's thread, oldest first. */
  reminders: string[];
  /** People who were messaged directly about this alert (the end of the ladder). */
  directMessaged: Person[];
}

/** A post in the card channel, in words: a card, an autonomy suggestion, a demotion notice. */
export interface PostView extends CardRef {
  /** Everything it shows, as text. */
  text: string;
  buttons: CardButton[];
}

export interface EditForm {
  /** The reply box as it opened. */
  prefilled: string | undefined;
}

export type EditOutcome = { outcome: 'accepted' } | { outcome: 'refused'; words: string };

export interface CommandAnswer {
  /** Seen only by the person who asked. */
  private: boolean;
  /** Everything the answer shows, in words. */
  text: string;
}

/** The social side, the same for every chat: where comments come from and where replies land. */
export interface ContractWorld {
  /** The running app's base URL: signed webhooks are posted here. */
  appUrl: string;
  graph: FakeGraph;
  /** For audit checks only; everything else is observed on the wire. */
  db: IsolatedDatabase['db'];
  /** True when no work is queued or running (timers that wait for their time excepted). */
  idle: () => Promise<boolean>;
}

/** What the suite needs from the playbook, in terms of the contract's people. */
export interface ContractSetup {
  /** The playbook's `team` section; without it members may press everything but Block. */
  team?: { roles: Record<string, readonly (CardButton | 'reports' | 'playbook' | 'all')[]>; members: Partial<Record<Person, string>> };
  /** The playbook's `graduation` section (when a rule's promotion is suggested). */
  graduation?: Record<string, unknown>;
  /** The playbook's `escalation` section: re-ping after these durations, then message `thenDm`. */
  escalation?: { ladder: string[]; thenDm?: Person };
  /** Who escalations ping, with a real mention, in a channel of their own. */
  onCall: Person;
  /** Rules put before the default playbook's own (the autonomy scenarios' rules at veto and auto). */
  rules?: readonly Record<string, unknown>[];
}

/** One chat transport, driven over its wire against a running app. */
export interface ChatDriver {
  readonly world: ContractWorld;
  /** Waits until the card for a message by this author is posted and the app knows where. */
  cardFor: (authorName: string) => Promise<CardRef>;
  card: (card: CardRef) => Promise<CardView>;
  /**
   * Presses a button as this person. A CardView or AlertView is pressed as it was shown then (two
   * people looking at one card press the same version); a bare CardRef as it is now.
   */
  press: (card: CardRef, button: CardButton, as: Person) => Promise<void>;
  /** The same press, forged as the chat would deliver it from elsewhere (signed as a real request would be). */
  pressForged: (card: CardRef, button: CardButton, as: Person, forgery: ForgedPress) => Promise<void>;
  /** Waits for the edit form this person opened on this card with Edit. */
  editForm: (card: CardRef, as: Person) => Promise<EditForm>;
  /** Submits the edit form this person opened on this card. */
  submitEdit: (card: CardRef, text: string, as: Person) => Promise<EditOutcome>;
  /** A slash command (`/kpi 7d` is `command('kpi', '7d', as)`); resolves with its answer, early or late. */
  command: (name: string, args: string, as: Person) => Promise<CommandAnswer>;
  /** Everything only this person was shown (refusals, "someone was first"), oldest first. */
  privateRepliesTo: (as: Person) => Promise<string[]>;
  /** Escalation posts, oldest first. */
  alerts: () => Promise<AlertView[]>;
  /** The lines of the automatic-actions log threads in the card channel, oldest first. */
  logLines: () => Promise<LogLineView[]>;
  /** Presses a log line's button as this person; a LogLineView is pressed as it was shown. */
  pressLogLine: (line: LogLineView, button: CardButton, as: Person) => Promise<void>;
  /** The card channel's top-level posts, oldest first; a view is pressed as it was shown. */
  cardChannelPosts: () => Promise<PostView[]>;
  /** How the app records this person as an actor (audit_log.actor). */
  actorId: (person: Person) => string;
  close: () => Promise<void>;
}

export type MakeDriver = (setup: ContractSetup) => Promise<ChatDriver>;
