import type { CardModel } from '../domain/card.js';
import type { ButtonPress, Presser, PressPlace, PressResult } from '../domain/press.js';
import type { CommandCenter } from './command-center.js';
import { MISSING_CARD_WORDS, refusalWords } from './explain-press.js';

/** The edited reply as a chat's form hands it back, with where its Edit was pressed (kept in the form). */
export interface EditSubmission extends PressPlace {
  cardId: string;
  version: number;
  /** Trimmed; empty when the person cleared the box. */
  text: string;
}

export const EMPTY_EDIT_WORDS = 'Write the reply to send, or cancel.';

/** Edit first opens a form: only for a press that counts, and prefilled with the card as it is now. */
export const startEdit = async (
  center: CommandCenter,
  press: Omit<ButtonPress, 'text'>,
): Promise<{ refusal: string } | { card: CardModel }> => {
  const permission = await center.mayPress(press);
  if (!permission.ok) return { refusal: refusalWords(permission.reason) };
  const card = await center.card(press.cardId);
  return card ? { card } : { refusal: MISSING_CARD_WORDS };
};

/**
 * A submitted edit (undefined: a form we could not read, say tampered with): a problem goes back to
 * the form; a valid one is acknowledged first (chats wait only seconds, and the press may take
 * longer), then pressed as Edit with the text, at the place the form was opened from.
 */
export const submitEdit = async (
  center: CommandCenter,
  who: Presser,
  submission: EditSubmission | undefined,
  acknowledge: () => Promise<void>,
): Promise<{ problem: string } | { result: PressResult }> => {
  if (!submission || submission.text.trim() === '') return { problem: EMPTY_EDIT_WORDS };
  await acknowledge();
  const { cardId, version, text, channel, messageId } = submission;
  return { result: await center.press({ ...who, channel, messageId, cardId, version, button: 'edit', text }) };
};
