import type { ClosedWindow } from './customer-window.js';
import type { Priority } from './decision.js';

/** Every button a card can carry; each chat adapter renders the ones listed on the card. */
export const CARD_BUTTONS = [
  'approve',
  'edit',
  'claim',
  'escalate',
  'hide',
  'unhide',
  'block',
  'tag_lead',
  'booked',
  'converted',
  'resolve',
  'acknowledge',
  'send_again',
  'send_template',
  'stop',
  'undo',
  'unfold',
  'promote',
  'not_now',
] as const;
export type CardButton = (typeof CARD_BUTTONS)[number];

export const CARD_BUTTON_LABELS: Record<CardButton, string> = {
  approve: 'Approve & send',
  edit: 'Edit',
  claim: 'Claim',
  escalate: 'Escalate',
  hide: 'Hide',
  unhide: 'Unhide',
  block: 'Block',
  tag_lead: 'Tag lead',
  booked: 'Mark booked',
  converted: 'Mark converted',
  resolve: 'Resolve',
  acknowledge: 'Acknowledge',
  send_again: 'Send again',
  send_template: 'Send template',
  stop: 'Stop',
  undo: 'Undo',
  unfold: 'Post as cards',
  promote: 'Promote',
  not_now: 'Not now',
};

export interface CardReason {
  rule: string;
  kind: string;
  matched: string[];
}

export interface CardHistoryLine {
  /** Who acted: a chat user mention id, or a rule id for automation. */
  actor: string;
  /** What they did, in words ("approved and sent the reply"). */
  what: string;
  at: Date;
  outcome: 'pending' | 'ok' | 'failed';
  /** The platform's answer in words, for failures especially. */
  detail?: string;
}

/**
 * What the rule that acted on its own (at `veto` or `auto`) has done since its level began, shown on
 * every card it produced: a veto's replies held, sent at their deadline and stopped; an automatic
 * rule's replies sent and comments hidden, and how many of them were undone.
 */
export type RuleFigures =
  | { level: 'veto'; rule: string; since?: Date; held: number; sent: number; stopped: number }
  | { level: 'auto'; rule: string; since?: Date; sent: number; hidden: number; undone: number };

/** The platform-neutral handoff card: Slack and Discord render this, nothing else. */
export interface CardModel {
  cardId: string;
  /** Bumped on every state change; buttons carry it so stale or double presses are caught. */
  version: number;
  /** One line that makes sense on a phone lock screen. */
  headline: string;
  platform: string;
  accountName: string;
  author: {
    name: string;
    username?: string;
    profileUrl?: string;
    recentMessages: number;
    pastHandoffs: number;
    tags: string[];
  };
  message: {
    text: string;
    url?: string;
    postUrl?: string;
    parentText?: string;
    thread: { from: string; text: string; at: Date }[];
    /** The author edited it after it arrived: when, and the text the edit replaced. */
    edited?: { at: Date; was: string };
    /** The author removed it on the platform: nothing can be done to it any more. */
    deletedByAuthorAt?: Date;
  };
  reasons: CardReason[];
  language?: string;
  sentiment?: number;
  priority: Priority;
  slaDeadline?: Date;
  draft?: { text: string; source: string; note?: string };
  state: 'open' | 'acting' | 'resolved' | 'failed';
  history: CardHistoryLine[];
  buttons: CardButton[];
  /** Erased at the author's request: the card shows no text, name or draft, and says so. */
  redacted?: boolean;
  /** The platform's customer-service window has closed (WhatsApp, 24 h): no free-form reply; the template, if offered. */
  replyWindow?: ClosedWindow;
  /** The card came from a rule at veto or auto: its record at that level. */
  ruleFigures?: RuleFigures;
  /** A storm card: the routine handoffs on its post folded into it in this chat instead of each posting a card. */
  storm?: StormFolds;
}

/** The cards folded into a storm card in one chat (each is still a card: SLA, /sla and /kpi count it). */
export interface StormFolds {
  /** Every card folded into this one in this chat. */
  total: number;
  /** Still folded and open: what Post as cards (Unfold) would post on their own. */
  waiting: number;
  /** `total` by the rule that handed each off, most first. */
  byReason: { reason: string; count: number }[];
  /** The newest few, newest first; `text` is undefined when it was erased. */
  latest: { author: string; text?: string }[];
}

export const REDACTED_WORDS = "removed at the author's request";
