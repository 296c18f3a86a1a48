import type { CardModel } from '../domain/card.js';
import { findParentText, findThreadBefore, loadCardContext } from '../store/card-model.js';
import { findCard } from '../store/cards.js';
import type { Db } from '../store/db.js';
import type { Card } from '../store/schema.js';
import { buildCardModel, type CardSurroundings } from './build-card-model.js';
import type { Supports } from './supports.js';

export type { Supports } from './supports.js';

export interface LoadCardOptions {
  /** The card row, when the caller has just read it. */
  known?: Card;
  now?: () => Date;
}

const MONTH_MS = 30 * 86_400_000;

const loadSurroundings = async (db: Db, card: Card, now: () => Date): Promise<CardSurroundings> => {
  const context = await loadCardContext(db, card, new Date(now().getTime() - MONTH_MS));
  const { message } = context;
  const parentText = message.parent_external_id ? await findParentText(db, message.platform, message.parent_external_id) : undefined;
  const thread =
    message.kind === 'dm'
      ? await findThreadBefore(db, { id: message.id, conversationId: context.conversation.id, createdAt: message.created_at })
      : [];
  return { context, parentText, thread };
};

/** Everything a person needs to decide, gathered from the store into the platform-neutral card. */
export const loadCardModel = async (
  db: Db,
  cardId: string,
  supports: Supports,
  { known, now = () => new Date() }: LoadCardOptions = {},
): Promise<CardModel | undefined> => {
  const card = known ?? (await findCard(db, cardId));
  if (!card) return undefined;
  return buildCardModel(card, await loadSurroundings(db, card, now), supports);
};
