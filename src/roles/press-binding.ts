import type { ChatName } from '../domain/chat.js';
import type { ButtonPress } from '../domain/press.js';
import { findCardPlacements } from '../store/cards.js';
import type { Db } from '../store/db.js';
import { findCardEscalations } from '../store/escalations.js';

/** A chat message that carries a card's buttons: the card itself, or its escalation alert. */
export interface ButtonHome {
  chat: ChatName;
  channel: string;
  messageId: string | null;
}

/**
 * A press counts only on a message that carries that card's buttons (the card in any of its chats, or an alert): a button's value names a card,
 * and nothing else stops it being replayed from another channel or pasted onto another message.
 * A message whose id is not recorded yet (the chat answered the post, the row is not updated) is
 * matched by its channel: chats deliver presses only from the app's own messages, and the press
 * must not be lost in that moment. Undefined when it is in place, or when the card is gone (the
 * press itself says so).
 */
export const misplacedPress = (press: Pick<ButtonPress, 'actor' | 'channel' | 'messageId'>, homes: ButtonHome[]): string | undefined => {
  if (homes.length === 0) return undefined;
  const chat = press.actor.split(':')[0];
  const inPlace = homes.some(
    (home) => home.chat === chat && home.channel === press.channel && (home.messageId === null || home.messageId === press.messageId),
  );
  if (inPlace) return undefined;
  if (homes.some((home) => home.chat === chat && home.channel === press.channel)) {
    return 'this button was not pressed on the card’s own message; use the buttons on the card.';
  }
  return 'this card belongs to another channel; use the buttons on the card where it was posted.';
};

/** The card's own message in every chat it is shown in, and its escalation alerts, where each was posted. */
export const findButtonHomes = async (db: Db, cardId: string): Promise<ButtonHome[]> => {
  const [placements, escalations] = await Promise.all([findCardPlacements(db, cardId), findCardEscalations(db, cardId)]);
  if (placements.length === 0) return [];
  return [
    ...placements.map((card) => ({ chat: card.chat, channel: card.channel, messageId: card.chat_message_id })),
    ...escalations.map((escalation) => ({ chat: escalation.chat, channel: escalation.channel, messageId: escalation.alert_message_id })),
  ];
};
