import type { CardModel } from './card.js';
import type { Report } from './report.js';

export const CHAT_NAMES = ['slack', 'discord'] as const;
export type ChatName = (typeof CHAT_NAMES)[number];

/** Posting and updating handoff cards. */
export interface CardPoster {
  postCard: (channel: string, card: CardModel) => Promise<string>;
  updateCard: (channel: string, messageId: string, card: CardModel) => Promise<void>;
  /** After a post whose outcome is unknown: the message id of this card if it is already in the channel. */
  findCard: (channel: string, cardId: string, since: Date) => Promise<string | undefined>;
  /** A link to a posted message, for alerts that point at their card. */
  permalink: (channel: string, messageId: string) => Promise<string | undefined>;
}

/** Lines for people: in a card's thread or in private, mentioning them in the chat's own syntax. */
export interface NoteSender {
  /** A line in the card's thread (who did what, SLA warnings). */
  postNote: (channel: string, cardMessageId: string, note: ChatNote) => Promise<string>;
  /** A direct message to one person (the last rung of an escalation ladder). */
  directMessage: (userId: string, note: ChatNote) => Promise<string>;
  /** How to mention a person identified by our actor id ('slack:U1' → '<@U1>'). */
  mention: (actor: string) => string;
}

/** Escalation messages: standalone, found again after a lost answer, updated as the ladder moves. */
export interface AlertSender {
  /** A standalone message (escalations), returning its id; `buttons` are rendered as card buttons of that card. */
  postAlert: (channel: string, alert: ChatAlert) => Promise<string>;
  /** After an alert post whose outcome is unknown: the message id of the card's alert if it is already in the channel. */
  findAlert: (channel: string, cardId: string, since: Date) => Promise<string | undefined>;
  updateAlert: (channel: string, messageId: string, alert: ChatAlert) => Promise<void>;
}

export interface ReportPoster {
  /** A report (the weekly digest) as a standalone message. */
  postReport: (channel: string, report: Report) => Promise<string>;
}

/** A chat platform as the core sees it: it shows cards and notes; it knows nothing of rules or sources. */
export type ChatAdapter = { readonly chat: ChatName } & CardPoster & NoteSender & AlertSender & ReportPoster & Partial<AutonomyLogPoster>;

/** Mentions are already in the chat's own syntax (they must ping); everything else is plain text the adapter escapes. */
export interface ChatNote {
  mention?: string;
  text: string;
  link?: { url: string; label: string };
}

export interface ChatAlert {
  cardId: string;
  version: number;
  mention?: string;
  /** The first line: what a phone shows on the lock screen. */
  title: string;
  lines: string[];
  link?: { url: string; label: string };
  /** Acknowledge / Resolve on an escalation; Promote / Not now on an autonomy suggestion (its id as the card id). */
  buttons: ('acknowledge' | 'resolve' | 'promote' | 'not_now')[];
  /** What the message is, where the chat shows a footer (default: the escalation's); a suggestion says so. */
  footer?: string;
  /** Not an alarm: a suggestion's colour, where the chat has one. */
  calm?: boolean;
}

/** One line of the automatic-actions log: what a rule did, and its Undo while it may still be taken back. */
export interface LogLine {
  text: string;
  /** The undo's id, carried back by the Undo button as its card id. */
  undoId?: string;
}

/** The day's log thread of automatic actions (optional: a chat without it shows no log, and offers no Undo). */
export interface AutonomyLogPoster {
  /** Starts a day's thread (`threadId` undefined) or adds a line to it; returns the message id. */
  postLogLine: (channel: string, threadId: string | undefined, line: LogLine) => Promise<string>;
  updateLogLine: (channel: string, messageId: string, line: LogLine) => Promise<void>;
}
