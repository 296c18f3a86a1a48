import { z } from 'zod';
import { CARD_BUTTONS, type CardButton } from '../../../src/domain/card.js';
import type { ButtonValue } from '../../../src/domain/press.js';
import { LIMITS } from './slack-text.js';

export const ACTION_ID_PREFIX = 'sb:';

/** What every card button carries back: the card and the version it was pressed on. */
const buttonValueSchema = z.object({
  card: z.string().min(1).max(255),
  v: z.number().int().nonnegative(),
});

export const actionIdFor = (button: CardButton): string => `${ACTION_ID_PREFIX}${button}`;

export const encodeButtonValue = (cardId: string, version: number): string => {
  const parsed = buttonValueSchema.safeParse({ card: cardId, v: version });
  if (!parsed.success) {
    throw new Error(
      `cannot put card "${cardId.slice(0, 40)}" v${version} on a Slack button: ` +
        'the card id must be 1–255 characters and the version a non-negative integer',
    );
  }
  return JSON.stringify(parsed.data);
};

const buttonSchema = z.enum(CARD_BUTTONS);

/** Reads a button back; anything not made by encodeButtonValue (stale app version, forged payload) is undefined. */
export const parseButtonValue = (actionId: string, value: string | undefined): ButtonValue | undefined => {
  if (!actionId.startsWith(ACTION_ID_PREFIX) || value === undefined || value.length > LIMITS.buttonValue) return undefined;
  const button = buttonSchema.safeParse(actionId.slice(ACTION_ID_PREFIX.length));
  if (!button.success) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = buttonValueSchema.strict().safeParse(json);
  return parsed.success ? { button: button.data, cardId: parsed.data.card, version: parsed.data.v } : undefined;
};
