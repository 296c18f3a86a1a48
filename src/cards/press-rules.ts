import type { PlatformAction } from '../domain/action.js';
import type { CardButton } from '../domain/card.js';
import type { MessageKind } from '../domain/message.js';
import type { Card } from '../store/schema.js';
import type { Supports } from './supports.js';

// These act on the conversation as it is now, so an older card version may still press them.
const VERSIONLESS = new Set<CardButton>(['acknowledge', 'resolve']);
// A lead books a call or buys days after the conversation was resolved.
const AFTER_RESOLVE = new Set<CardButton>(['booked', 'converted']);

/**
 * Someone got there first: the card is busy with an action, closed, or newer than the version this person
 * saw. An action in flight never blocks Acknowledge or Resolve: they stop re-pings and timers, not the action.
 */
export const isTooLate = (card: Pick<Card, 'state' | 'version'>, button: CardButton, seenVersion: number): boolean => {
  if (card.state === 'acting' && !VERSIONLESS.has(button)) return true;
  if (card.state === 'resolved' && !AFTER_RESOLVE.has(button)) return true;
  return !VERSIONLESS.has(button) && card.version !== seenVersion;
};

/** "Too late": who acted last and what they did, to tell the person who pressed after them. */
export const tooLateAnswer = (card: Pick<Card, 'last_actor' | 'last_action' | 'last_acted_at' | 'updated_at'>) => ({
  outcome: 'too_late' as const,
  by: card.last_actor ?? 'someone',
  what: card.last_action ?? 'updated the card',
  at: card.last_acted_at ?? card.updated_at,
});

/** The text a press sends: the person's own for Edit, otherwise the card's draft. */
export const pressText = (button: CardButton, typed: string | undefined, draft: string | null): string | undefined =>
  button === 'edit' ? typed?.trim() : (draft ?? undefined);

/** Why a press cannot be carried out at all (before anything is recorded), or undefined when it can. */
export const refusalOf = (
  press: { button: CardButton; kind: PlatformAction | undefined; platform: string; text: string | undefined; on?: MessageKind },
  supports: Supports,
): string | undefined => {
  if (press.kind && !supports(press.platform, press.kind, press.on))
    return `${press.platform} does not support ${press.kind.replace('_', ' ')}.`;
  if ((press.button === 'approve' || press.button === 'edit') && !press.text) return 'There is no reply text to send.';
  return undefined;
};

/** The card's state after an accepted press: busy while its platform action runs, and a press reopens a failed card. */
export const stateAfterPress = (button: CardButton, kind: PlatformAction | undefined, current: Card['state']): Card['state'] => {
  if (kind || button === 'send_again') return 'acting';
  if (button === 'resolve') return 'resolved';
  return current === 'failed' ? 'open' : current;
};

/** What sending the draft says about it: sent as written, or changed first (now or by an earlier Edit). */
export const draftOutcomeOf = (button: 'approve' | 'edit', draftSource: string | null): 'approved' | 'edited' =>
  button === 'approve' && draftSource !== 'edited' ? 'approved' : 'edited';

/** One platform action per card version and button, however often the press arrives. */
export const pressActionKey = (cardId: string, version: number, button: CardButton): string => `card-${cardId}-v${version}-${button}`;

/** Blocks, DMs and templates are aimed at the author; everything else at the message. */
export const actionTarget = (kind: PlatformAction, ids: { contact: string; message: string }): string =>
  kind === 'block' || kind === 'send_dm' || kind === 'send_template' ? ids.contact : ids.message;
