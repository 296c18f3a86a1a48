import { z } from 'zod';
import { CARD_BUTTONS, type CardButton } from '../../../src/domain/card.js';
import type { ButtonValue } from '../../../src/domain/press.js';
import { LIMITS } from './discord-text.js';

/**
 * Everything our components carry back, in Discord's 100-character custom ids:
 *   `sb:<button>:<card>:<version>`          a card button
 *   `sbc:<card>:<version>:<message>`        Confirm on Block's private confirmation (the card message it was asked from)
 *   `sbx`                                    Cancel on that confirmation
 *   `sbe:<card>:<version>:<message>`        the edit form, opened from that card message
 */
export type ComponentId =
  | { kind: 'button'; value: ButtonValue }
  | { kind: 'confirm-block'; value: ButtonValue; messageId: string }
  | { kind: 'cancel' }
  | { kind: 'edit-form'; cardId: string; version: number; messageId: string | undefined };

const id = z.string().regex(/^[0-9A-Za-z_-]{1,40}$/u);
const version = z
  .string()
  .regex(/^\d{1,9}$/u)
  .transform(Number);
const button = z.enum(CARD_BUTTONS);

const checked = (text: string, what: string): string => {
  if (text.length > LIMITS.customId) throw new Error(`${what} does not fit in a Discord custom id (${text.length} > ${LIMITS.customId})`);
  return text;
};

const part = (value: string, what: string): string => {
  if (!id.safeParse(value).success)
    throw new Error(`cannot put ${what} "${value.slice(0, 40)}" in a Discord custom id: expected 1–40 of [0-9A-Za-z_-]`);
  return value;
};

export const buttonId = (name: CardButton, cardId: string, cardVersion: number): string =>
  checked(`sb:${name}:${part(cardId, 'card id')}:${cardVersion}`, 'a card button');

export const confirmBlockId = (cardId: string, cardVersion: number, messageId: string): string =>
  checked(`sbc:${part(cardId, 'card id')}:${cardVersion}:${part(messageId, 'message id')}`, 'a block confirmation');

export const CANCEL_ID = 'sbx';

export const editFormId = (cardId: string, cardVersion: number, messageId: string | undefined): string =>
  checked(`sbe:${part(cardId, 'card id')}:${cardVersion}:${messageId ? part(messageId, 'message id') : ''}`, 'an edit form');

const cardAt = (card: string | undefined, v: string | undefined) => {
  const parsedCard = id.safeParse(card);
  const parsedVersion = version.safeParse(v);
  return parsedCard.success && parsedVersion.success ? { cardId: parsedCard.data, version: parsedVersion.data } : undefined;
};

/** Reads a custom id back; anything we did not make (an older release, a forged payload) is undefined. */
export const parseComponentId = (customId: string): ComponentId | undefined => {
  if (customId.length > LIMITS.customId) return undefined;
  if (customId === CANCEL_ID) return { kind: 'cancel' };
  const [kind, first, second, third, ...extra] = customId.split(':');
  if (extra.length > 0) return undefined;
  if (kind === 'sb') {
    const name = button.safeParse(first);
    const at = cardAt(second, third);
    return name.success && at ? { kind: 'button', value: { button: name.data, ...at } } : undefined;
  }
  const at = cardAt(first, second);
  if (!at) return undefined;
  if (kind === 'sbc' && third && id.safeParse(third).success)
    return { kind: 'confirm-block', value: { button: 'block', ...at }, messageId: third };
  if (kind === 'sbe' && third !== undefined) return { kind: 'edit-form', ...at, messageId: third === '' ? undefined : third };
  return undefined;
};
