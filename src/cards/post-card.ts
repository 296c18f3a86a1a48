import type { ChatAdapter, ChatName } from '../domain/chat.js';
import { ConfigurationError, NotYetError } from '../errors.js';
import type { Db } from '../store/db.js';
import {
  type CardPostAttempt,
  claimCardPost,
  findCardPlacement,
  lockCardRefresh,
  recordCardPostAndRelease,
  releaseCardPost,
} from '../store/cards.js';
import { releaseNonRoutineFold } from '../store/storm-folds.js';
import { decideFold, type FoldFlush, type StormSettings } from './fold-into-storm.js';
import { loadCardModel, type Supports } from './load-card-model.js';

export interface CardPosterDeps {
  db: Db;
  chats: ReadonlyMap<string, ChatAdapter>;
  supports: Supports;
  /** The clock the card's "last month" counts back from. */
  now?: () => Date;
  /** Comment storms: routine cards on a post with an open storm card fold into it; without this nothing folds. */
  storm?: StormSettings;
}

/** Another worker is posting this card right now; try again shortly (it will then be `already`). */
export class CardBeingPostedError extends NotYetError {
  constructor(cardId: string, chat: ChatName) {
    super(`card ${cardId} is being posted to ${chat} by another worker`);
    this.name = 'CardBeingPostedError';
  }
}

/** `folded`: into its post's storm card instead of posted; `flush` is the storm card's coalesced update to queue. */
export type PostOutcome =
  | { outcome: 'found' | 'already' | 'missing'; escalated: boolean }
  /** `platform`: the message's, so the caller knows without a query whether a reply window applies. */
  | { outcome: 'posted'; escalated: boolean; platform: string }
  | { outcome: 'folded'; escalated: false; flush: FoldFlush | undefined };

/**
 * Post a card in one of its chats, once. Each placement (chat) is posted on its own, so a chat that is
 * down or rate-limited delays only its own copy. Posts of one placement are exclusive (a session advisory lock, released if the
 * process dies), because the inline post and a reconciler-queued post can otherwise both find no
 * message yet and both post. If an earlier attempt started but never recorded the message id (the
 * worker died, the answer was lost), the channel is searched first so the card is not posted twice.
 * `escalated` says whether a rule escalated this card (its alert waits for the card's link).
 */
export const postCard = async (deps: CardPosterDeps, cardId: string, chat: ChatName): Promise<PostOutcome> =>
  // Every statement runs on the locking connection, so a full pool cannot deadlock lock holders.
  deps.db.connection().execute(async (conn) => {
    let held = false;
    try {
      const claim = await claimCardPost(conn, cardId, chat);
      held = claim.locked;
      if (!held) throw new CardBeingPostedError(cardId, chat);
      if (!claim.card) return { outcome: 'missing', escalated: false };
      const recordAndRelease = async (messageId: string): Promise<number | null> => {
        const version = await recordCardPostAndRelease(conn, cardId, chat, messageId);
        held = false;
        return version;
      };
      return await postCardExclusively({ ...deps, db: conn }, claim.card, recordAndRelease);
    } finally {
      if (held) await releaseCardPost(conn, cardId, chat);
    }
  });

const postCardExclusively = async (
  deps: CardPosterDeps,
  card: CardPostAttempt,
  recordAndRelease: (messageId: string) => Promise<number | null>,
): Promise<PostOutcome> => {
  const escalated = (card.reasons as { kind?: string }[]).some((reason) => reason.kind === 'escalate');
  if (card.chat_message_id) return { outcome: 'already', escalated };
  const fold = await decideFold(deps.db, card, deps.storm);
  if (fold.folded) return { outcome: 'folded', escalated: false, flush: fold.flush };
  const chat = deps.chats.get(card.chat);
  if (!chat) throw new ConfigurationError(`no ${card.chat} adapter is configured to post card ${card.id}: set the ${card.chat} variables`);

  if (card.previous_attempt) {
    const existing = await chat.findCard(card.channel, card.id, card.previous_attempt);
    if (existing) {
      await recordAndRelease(existing);
      return { outcome: 'found', escalated };
    }
  }
  const model = await loadCardModel(deps.db, card.id, deps.supports, { known: card, now: deps.now, chat: card.chat });
  if (!model) return { outcome: 'missing', escalated };
  const messageId = await chat.postCard(card.channel, model);
  const versionNow = await recordAndRelease(messageId);
  // A press between rendering and recording the message id found no message to update; render it now.
  if (versionNow !== null && versionNow !== model.version) await refreshCard(deps, card.id, card.chat);
  return { outcome: 'posted', escalated, platform: model.platform };
};

/**
 * Re-render a posted card in one chat with its current state. A card folded into a storm card that is no
 * longer routine (an edit made it urgent, say) is posted on its own instead: what must ping is never folded.
 */
export const refreshCard = async (
  deps: CardPosterDeps,
  cardId: string,
  chatName: ChatName,
): Promise<'updated' | 'not_posted' | 'missing' | 'posted'> => {
  const result = await rerender(deps, cardId, chatName);
  if (result !== 'not_posted' || !(await releaseNonRoutineFold(deps.db, cardId, chatName))) return result;
  return (await postCard(deps, cardId, chatName)).outcome === 'posted' ? 'posted' : result;
};

/** Refreshes of one placement are serialized (advisory lock), so each renders the state as of its turn and an older render can never land last. */
const rerender = async (deps: CardPosterDeps, cardId: string, chatName: ChatName): Promise<'updated' | 'not_posted' | 'missing'> =>
  deps.db.transaction().execute(async (trx) => {
    await lockCardRefresh(trx, cardId, chatName);
    const placement = await findCardPlacement(trx, cardId, chatName);
    if (!placement) return 'missing';
    if (!placement.chat_message_id) return 'not_posted';
    const chat = deps.chats.get(chatName);
    if (!chat) throw new ConfigurationError(`no ${chatName} adapter is configured to update card ${cardId}: set the ${chatName} variables`);
    const model = await loadCardModel(trx, cardId, deps.supports, { now: deps.now, chat: chatName });
    if (!model) return 'missing';
    await chat.updateCard(placement.channel, placement.chat_message_id, model);
    return 'updated';
  });
