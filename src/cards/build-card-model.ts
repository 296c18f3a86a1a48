import { z } from 'zod';
import {
  type CardButton,
  type CardHistoryLine,
  type CardModel,
  type CardReason,
  REDACTED_WORDS,
  type RuleFigures,
  type StormFolds,
} from '../domain/card.js';
import { PRIORITIES, type Priority } from '../domain/decision.js';
import { platformName } from '../domain/platform.js';
import type { CardActionHistory, CardContext, ThreadLine } from '../store/card-model.js';
import type { FoldedLine, StormCounts } from '../store/storm-folds.js';
import type { Card } from '../store/schema.js';
import { vetoWords, type VetoView } from '../autonomy/veto-words.js';
import { chooseButtons } from './choose-buttons.js';
import { describeAction, snippet } from './describe.js';
import type { Supports } from './supports.js';

const reasonsSchema = z.array(z.object({ rule: z.string(), kind: z.string(), matched: z.array(z.string()) }));

/**
 * People keep their chat ('slack:U123', 'discord:456'): a mirrored card shows one chat's people in the
 * other, and each chat renders its own as mentions and the other's as names. 'rule:x' → 'rule x'.
 */
const actorOf = (requestedBy: string): string => {
  const [kind, ...rest] = requestedBy.split(':');
  const id = rest.join(':');
  if (kind === 'rule') return `rule ${id}`;
  return requestedBy;
};

const headlineReason = (reasons: CardReason[]): string => {
  const main = reasons.find((reason) => reason.kind === 'escalate') ?? reasons.find((reason) => reason.kind === 'handoff') ?? reasons[0];
  if (!main) return 'Needs a person';
  const term = main.matched[0];
  return term ? `${main.rule} (“${term}”)` : main.rule;
};

const historyOf = (actions: CardActionHistory): CardHistoryLine[] =>
  actions.map((action) => ({
    actor: actorOf(action.requested_by),
    what: describeAction(action.kind, action.requested_by.startsWith('rule:')),
    at: action.finished_at ?? action.created_at,
    outcome: action.status === 'succeeded' ? 'ok' : action.status === 'failed' ? 'failed' : 'pending',
    ...(action.error ? { detail: action.error } : {}),
  }));

/** A person's reply went out or is on its way (automation's replies do not count). */
const repliedByPerson = (actions: CardActionHistory): boolean =>
  actions.some(
    (action) => ['reply', 'send_dm'].includes(action.kind) && action.status !== 'failed' && !action.requested_by.startsWith('rule:'),
  );

/** The approved template went out or is on its way (the window's other way of answering). */
const templateSent = (actions: CardActionHistory): boolean =>
  actions.some((action) => action.kind === 'send_template' && action.status !== 'failed' && action.status !== 'cancelled');

const buttonsFor = (card: Card, surroundings: CardSurroundings, supports: Supports) => {
  const { context, replyWindow } = surroundings;
  const { message, conversation, escalation } = context;
  return chooseButtons(
    card,
    {
      replied: repliedByPerson(context.actions) || surroundings.veto?.state === 'sent',
      hidden: message.hidden,
      isDm: message.kind === 'dm',
      platform: message.platform,
      assigned: conversation.assignee !== null,
      escalated: conversation.escalated_at !== null || escalation !== undefined,
      awaitingAcknowledge: escalation !== undefined && escalation.acknowledged_at === null,
      isLead: context.contact.tags.includes('lead'),
      booked: conversation.booked_at !== null,
      converted: conversation.converted_at !== null,
      deleted: message.author_deleted_at !== null,
      outcomeUnknown: context.actions.some((action) => action.status === 'unknown'),
      replyWindowClosed: replyWindow?.closed ?? false,
      templateSent: templateSent(context.actions),
      vetoPending: surroundings.veto?.state === 'pending',
    },
    supports,
  );
};

// What still makes sense on a card whose content is gone: nothing that acts on what they wrote.
const REDACTED_BUTTONS: ReadonlySet<CardButton> = new Set(['claim', 'resolve', 'acknowledge', 'booked', 'converted', 'unfold']);

/** The card of an author who asked to be forgotten: who did what stays, what they wrote does not. */
const redact = (model: CardModel): CardModel => {
  const { draft: _draft, language: _language, sentiment: _sentiment, ...rest } = model;
  return {
    ...rest,
    headline: `${REDACTED_WORDS.charAt(0).toUpperCase()}${REDACTED_WORDS.slice(1)} · ${platformName(model.platform)}`,
    author: { name: 'removed', recentMessages: 0, pastHandoffs: 0, tags: [] },
    message: { text: REDACTED_WORDS, thread: [] },
    reasons: [],
    buttons: model.buttons.filter((button) => REDACTED_BUTTONS.has(button)),
    redacted: true,
  };
};

export interface CardSurroundings {
  context: CardContext;
  parentText: string | undefined;
  thread: ThreadLine[];
  /** On a platform with a customer-service window (WhatsApp): when it closes, and whether it has. */
  replyWindow?: { closesAt: Date; hours: number; closed: boolean };
  /** The rule's reply held for a countdown (autonomy: veto), and the time the card is drawn at. */
  veto?: VetoView;
  now?: Date;
  /** The card came from a rule at veto or auto: what it has done at that level. */
  ruleFigures?: RuleFigures;
  /** A storm card: what folded into it in the chat it is drawn for. */
  storm?: StormCounts & { latest: FoldedLine[] };
}

const EXCERPT_CHARS = 100;

/** The storm section: counts by reason and the newest excerpts (an erased one shows no text). */
const stormOf = (storm: NonNullable<CardSurroundings['storm']>): StormFolds => ({
  total: storm.total,
  waiting: storm.waiting,
  byReason: storm.byReason,
  latest: storm.latest.map((line) => ({ author: line.author, ...(line.text === null ? {} : { text: snippet(line.text, EXCERPT_CHARS) }) })),
});

/** Post as cards (Unfold) while folded cards are waiting, also once the storm card is resolved: they stay open. */
const withUnfold = (buttons: CardButton[], storm: StormFolds | undefined): CardButton[] => {
  if (!storm || storm.waiting === 0) return buttons;
  const resolveAt = buttons.indexOf('resolve');
  return resolveAt < 0 ? [...buttons, 'unfold'] : [...buttons.slice(0, resolveAt), 'unfold', ...buttons.slice(resolveAt)];
};

/** A veto card's draft says what will happen to it (the countdown, or how it ended) instead of any other note. */
const draftNote = (card: Card, surroundings: CardSurroundings): string | undefined =>
  surroundings.veto ? vetoWords(surroundings.veto, surroundings.now ?? new Date()) : (card.draft_note ?? undefined);

const closedWindowOf = (surroundings: CardSurroundings, buttons: CardButton[]): Pick<CardModel, 'replyWindow'> => {
  const window = surroundings.replyWindow;
  if (!window?.closed) return {};
  return { replyWindow: { closedAt: window.closesAt, hours: window.hours, templateOffered: buttons.includes('send_template') } };
};

const draftOf = (card: Card, text: string, note: string | undefined) => ({
  text,
  source: card.draft_source ?? 'template',
  ...(note ? { note } : {}),
});

/** The platform-neutral card, from the card row and what surrounds its message. */
export const buildCardModel = (card: Card, surroundings: CardSurroundings, supports: Supports): CardModel => {
  const model = buildFullModel(card, surroundings, supports);
  return card.redacted_at ? redact(model) : model;
};

const buildFullModel = (card: Card, surroundings: CardSurroundings, supports: Supports): CardModel => {
  const { context, parentText, thread } = surroundings;
  const { message, contact, account, conversation } = context;
  const storm = surroundings.storm ? stormOf(surroundings.storm) : undefined;
  const buttons = withUnfold(buttonsFor(card, surroundings, supports), storm);
  const reasons = reasonsSchema.parse(card.reasons);
  const priority: Priority = (PRIORITIES as readonly string[]).includes(card.priority) ? (card.priority as Priority) : 'normal';
  const authorName = contact.name ?? contact.username ?? contact.external_id;
  return {
    cardId: card.id,
    version: card.version,
    headline: `${headlineReason(reasons)} · ${platformName(message.platform)} · ${authorName}: “${snippet(message.text)}”`,
    platform: message.platform,
    accountName: account.name ?? account.external_id,
    author: {
      name: authorName,
      ...(contact.username ? { username: contact.username } : {}),
      recentMessages: context.recentMessages,
      pastHandoffs: context.pastHandoffs,
      tags: contact.tags,
    },
    message: {
      text: message.text,
      ...(message.post_url ? { postUrl: message.post_url } : {}),
      ...(parentText !== undefined ? { parentText } : {}),
      thread: thread.map((line) => ({ from: line.direction === 'inbound' ? authorName : 'us', text: line.text, at: line.created_at })),
      ...(message.edited_at && message.previous_text !== null ? { edited: { at: message.edited_at, was: message.previous_text } } : {}),
      ...(message.author_deleted_at ? { deletedByAuthorAt: message.author_deleted_at } : {}),
    },
    reasons,
    ...(message.language ? { language: message.language } : {}),
    ...(message.sentiment === null ? {} : { sentiment: message.sentiment }),
    priority,
    ...(conversation.sla_deadline_at ? { slaDeadline: conversation.sla_deadline_at } : {}),
    ...(card.draft ? { draft: draftOf(card, card.draft, draftNote(card, surroundings)) } : {}),
    state: card.state,
    history: historyOf(context.actions),
    buttons,
    ...closedWindowOf(surroundings, buttons),
    ...(surroundings.ruleFigures ? { ruleFigures: surroundings.ruleFigures } : {}),
    ...(storm ? { storm } : {}),
  };
};
