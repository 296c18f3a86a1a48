import type { ChatName } from '../domain/chat.js';
import type { Db } from '../store/db.js';
import { foldIntoStorm } from '../store/storm-folds.js';
import type { CardPostAttempt } from '../store/cards.js';

/** How comment storms fold: the post-scope handoff rules whose cards gather the routine ones, and the update pace. */
export interface StormSettings {
  /** Rules with a `scope: post` handoff that folds (`fold: false` leaves a rule out). */
  rules: ReadonlySet<string>;
  /** At most one update of a storm card per chat this often, however many cards fold into it. */
  flushDelayMs: number;
}

/** A few seconds: a person watching the card sees it move, and a chat's rate limit is never the bottleneck. */
export const DEFAULT_FOLD_FLUSH_MS = 3_000;

/** The storm card's update this fold asked for: at `at`, a coalesced update of that card in that chat. */
export interface FoldFlush {
  stormCardId: string;
  chat: ChatName;
  at: Date;
}

export type FoldDecision = { folded: false } | { folded: true; flush: FoldFlush | undefined };

const reasonsOf = (card: CardPostAttempt) => card.reasons as { rule?: string; kind?: string }[];

/**
 * Whether the card could be a storm card or fold into one, from its row alone: most handed-off cards (high,
 * urgent, escalated, leads) cannot, and are posted without a round trip for the storm. The store decides the rest.
 */
const mayBeInStorm = (card: CardPostAttempt, rules: ReadonlySet<string>): boolean =>
  reasonsOf(card).some((reason) => reason.kind === 'handoff' && rules.has(reason.rule ?? '')) ||
  (['normal', 'low'].includes(card.priority) && !reasonsOf(card).some((reason) => reason.kind === 'escalate' || reason.kind === 'lead'));

/**
 * Taken in the chat-posting stage, where the card is about to be posted in one chat (its post lock held):
 * a placement already folded stays folded until Unfold; one Unfold released, or one an earlier attempt may
 * have posted already (its outcome unknown), is posted as usual; any other is folded if its post has an open
 * storm card in this chat and it is routine (`foldIntoStorm` says what counts).
 */
export const decideFold = async (conn: Db, card: CardPostAttempt, storm: StormSettings | undefined): Promise<FoldDecision> => {
  if (card.unfolded_at) return { folded: false };
  if (card.folded_into) return { folded: true, flush: undefined };
  if (!storm || storm.rules.size === 0 || card.previous_attempt || !mayBeInStorm(card, storm.rules)) return { folded: false };
  const outcome = await foldIntoStorm(conn, {
    cardId: card.id,
    chat: card.chat,
    stormRules: [...storm.rules],
    flushDelayMs: storm.flushDelayMs,
  });
  if (outcome.kind !== 'folded') return { folded: false };
  const flush = outcome.flushAt ? { stormCardId: outcome.stormCardId, chat: card.chat, at: outcome.flushAt } : undefined;
  return { folded: true, flush };
};
