import type { CardModel } from '../domain/card.js';
import type { ButtonValue, PressOrigin } from '../domain/press.js';
import type { CommandCenter } from './command-center.js';
import { startEdit } from './edit-flow.js';
import { explainPress, STALE_BUTTON_WORDS, type ChatWording } from './explain-press.js';

/** What a chat shows the person after a button press. */
export type PressAnswer =
  /** Private words: why nothing was done. */
  | { show: 'words'; text: string }
  /** Edit opens the chat's form, prefilled from this card. */
  | { show: 'edit-form'; card: CardModel }
  /** The press went through: the card update and its thread line say so. */
  | { show: 'nothing' };

/** One button press from any chat; `value` is undefined when the chat could not read the button. */
export const answerPress = async (
  center: CommandCenter,
  origin: PressOrigin,
  value: ButtonValue | undefined,
  wording: ChatWording,
): Promise<PressAnswer> => {
  if (!value) return { show: 'words', text: STALE_BUTTON_WORDS };
  if (value.button === 'edit') {
    const start = await startEdit(center, { ...origin, ...value });
    return 'card' in start ? { show: 'edit-form', card: start.card } : { show: 'words', text: start.refusal };
  }
  const words = explainPress(await center.press({ ...origin, ...value }), wording);
  return words ? { show: 'words', text: words } : { show: 'nothing' };
};
