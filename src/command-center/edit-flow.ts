import type { CardModel } from '../domain/card.js';
import type { PressResult } from '../domain/press.js';
import type { CommandCenter } from './command-center.js';
import { MISSING_CARD_WORDS, refusalWords } from './explain-press.js';

/** The edited reply as a chat's form hands it back. */
export interface EditSubmission {
  cardId: string;
  version: number;
  /** Trimmed; empty when the person cleared the box. */
  text: string;
}

export const EMPTY_EDIT_WORDS = 'Write the reply to send, or cancel.';

/** Edit first opens a form: only for people who may edit, and prefilled with the card as it is now. */
export const startEdit = async (
  center: CommandCenter,
  actor: string,
  cardId: string,
): Promise<{ refusal: string } | { card: CardModel }> => {
  const permission = await center.mayPress(actor, 'edit');
  if (!permission.ok) return { refusal: refusalWords(permission.reason) };
  const card = await center.card(cardId);
  return card ? { card } : { refusal: MISSING_CARD_WORDS };
};

/**
 * A submitted edit (undefined: a form we could not read, say tampered with): a problem goes back to
 * the form; a valid one is acknowledged first (chats wait only seconds, and the press may take
 * longer), then pressed as Edit with the text.
 */
export const submitEdit = async (
  center: CommandCenter,
  actor: string,
  submission: EditSubmission | undefined,
  acknowledge: () => Promise<void>,
): Promise<{ problem: string } | { result: PressResult }> => {
  if (!submission || submission.text.trim() === '') return { problem: EMPTY_EDIT_WORDS };
  await acknowledge();
  const { cardId, version, text } = submission;
  return { result: await center.press({ cardId, version, button: 'edit', text, actor }) };
};
