import type { CardModel } from '../domain/card.js';
import type { ChatName } from '../domain/chat.js';
import { customerWindowClosesAt, customerWindowHours } from '../domain/customer-window.js';
import { findParentText, findThreadBefore, loadCardContext, type CardContext } from '../store/card-model.js';
import { findLastInboundAt } from '../store/customer-window.js';
import { findCard } from '../store/cards.js';
import { findLevelRecords } from '../store/autonomy-since.js';
import { loadStormFolds } from '../store/storm-folds.js';
import type { Db } from '../store/db.js';
import { findRuleFigures } from '../store/rule-figures.js';
import type { Card } from '../store/schema.js';
import { buildCardModel, type CardSurroundings } from './build-card-model.js';
import type { Supports } from './supports.js';

export type { Supports } from './supports.js';

export interface LoadCardOptions {
  /** The card row, when the caller has just read it. */
  known?: Card;
  now?: () => Date;
  /** The chat it is drawn for: a storm card shows what folded into it there. */
  chat?: ChatName;
}

/** How many of the newest folded cards a storm card quotes. */
const STORM_EXCERPTS = 3;

const MONTH_MS = 30 * 86_400_000;

/** WhatsApp's 24 hours run from the customer's last message in the conversation, not from this one. */
const loadReplyWindow = async (db: Db, context: CardContext, now: () => Date): Promise<CardSurroundings['replyWindow']> => {
  const { platform, created_at } = context.message;
  const hours = customerWindowHours(platform);
  if (hours === undefined) return undefined;
  const lastInbound = (await findLastInboundAt(db, context.conversation.id)) ?? created_at;
  const closesAt = customerWindowClosesAt(platform, lastInbound) ?? lastInbound;
  return { closesAt, hours, closed: now().getTime() >= closesAt.getTime() };
};

/** The record of the rule that acted on its own on this message (veto or auto), since its level began. */
const loadRuleFigures = async (db: Db, context: CardContext): Promise<CardSurroundings['ruleFigures']> => {
  const acting = context.actingRule;
  if (!acting) return undefined;
  const since = (await findLevelRecords(db, [acting.rule])).get(acting.rule)?.since;
  return findRuleFigures(db, acting, since);
};

const loadStorm = async (db: Db, card: Card, chat: ChatName | undefined): Promise<Pick<CardSurroundings, 'storm'>> => {
  if (!card.storm_post || !chat) return {};
  const folds = await loadStormFolds(db, card.id, chat, STORM_EXCERPTS);
  return folds ? { storm: folds } : {};
};

const loadSurroundings = async (db: Db, card: Card, now: () => Date, chat: ChatName | undefined): Promise<CardSurroundings> => {
  const context = await loadCardContext(db, card, new Date(now().getTime() - MONTH_MS));
  const { message } = context;
  const parentText = message.parent_external_id ? await findParentText(db, message.platform, message.parent_external_id) : undefined;
  const thread =
    message.kind === 'dm'
      ? await findThreadBefore(db, { id: message.id, conversationId: context.conversation.id, createdAt: message.created_at })
      : [];
  const replyWindow = await loadReplyWindow(db, context, now);
  const veto = context.heldReply;
  const ruleFigures = await loadRuleFigures(db, context);
  return {
    ...(await loadStorm(db, card, chat)),
    context,
    parentText,
    thread,
    ...(replyWindow ? { replyWindow } : {}),
    ...(veto ? { veto, now: now() } : {}),
    ...(ruleFigures ? { ruleFigures } : {}),
  };
};

/** Everything a person needs to decide, gathered from the store into the platform-neutral card. */
export const loadCardModel = async (
  db: Db,
  cardId: string,
  supports: Supports,
  { known, now = () => new Date(), chat }: LoadCardOptions = {},
): Promise<CardModel | undefined> => {
  const card = known ?? (await findCard(db, cardId));
  if (!card) return undefined;
  return buildCardModel(card, await loadSurroundings(db, card, now, chat), supports);
};
