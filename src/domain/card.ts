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
}

export const REDACTED_WORDS = "removed at the author's request";
