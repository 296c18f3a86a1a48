import type { CardButton } from './card.js';

/** What a card button carries back from any chat: the button, its card and the version it was pressed on. */
export interface ButtonValue {
  button: CardButton;
  cardId: string;
  version: number;
}

/** A person's press on a card, as the command center decides it. */
export interface ButtonPress {
  cardId: string;
  /** The card version the person saw when pressing. */
  version: number;
  button: CardButton;
  /** 'slack:U123' / 'discord:456'. */
  actor: string;
  /** The edited reply, for Edit. */
  text?: string;
}

export type PressResult =
  | { outcome: 'accepted'; cardId: string; actionId: string | undefined; escalationId: string | undefined; note: string }
  | { outcome: 'too_late'; by: string; what: string; at: Date }
  | { outcome: 'refused'; reason: string };

/** Who may press what; answers with the reason when not. */
export type MayPress = (actor: string, button: CardButton) => Promise<{ ok: true } | { ok: false; reason: string }>;
