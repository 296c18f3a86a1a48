import type { ChatName } from '../domain/chat.js';
import { NotYetError } from '../errors.js';
import {
  clearFoldFlush,
  type FoldedLine,
  findStormPlacement,
  findUnnotedFolds,
  markFoldsNoted,
  requestFoldFlush,
  withStormFlushLock,
} from '../store/storm-folds.js';
import { REDACTED_WORDS } from '../domain/card.js';
import { snippet } from './describe.js';
import { DEFAULT_FOLD_FLUSH_MS, type FoldFlush } from './fold-into-storm.js';
import { type CardPosterDeps, refreshCard } from './post-card.js';

/** Folded cards listed per thread message: compact lines, several to a message, within Discord's 2,000 characters. */
export const FOLD_LINES_PER_NOTE = 15;
const EXCERPT_CHARS = 70;

/** Another worker is updating this storm card in this chat; this update runs again shortly. */
export class StormBeingFlushedError extends NotYetError {
  constructor(cardId: string, chat: ChatName) {
    super(`storm card ${cardId} is being updated in ${chat} by another worker`);
    this.name = 'StormBeingFlushedError';
  }
}

/** One compact line per folded card: its card, why, who and the start of what they wrote. */
export const foldedLineText = (line: FoldedLine): string =>
  `• card ${line.cardId} · ${line.reason} · ${line.author}: “${line.text === null ? REDACTED_WORDS : snippet(line.text, EXCERPT_CHARS)}”`;

export const foldedNoteText = (lines: readonly FoldedLine[]): string =>
  [`🌪️ Folded into this card (${lines.length}):`, ...lines.map(foldedLineText)].join('\n');

/**
 * The storm card's coalesced update in one chat: re-render it (counts, newest excerpts, Post as cards) and
 * list the cards folded since the last update in its thread, up to FOLD_LINES_PER_NOTE in one message. When
 * more are waiting, the next update is asked for (`next`), so a storm costs this chat at most one update
 * and one thread message per interval, however many cards fold. The update is cleared as due before the chat
 * calls: a card that folds meanwhile asks for the next one. A rate limit (429) propagates to the job, which
 * waits as long as the chat asked. One update per storm card and chat runs at a time (session advisory lock).
 */
export const flushStorm = async (
  deps: CardPosterDeps,
  stormCardId: string,
  chat: ChatName,
): Promise<{ result: 'updated' | 'missing'; listed: number; next: FoldFlush | undefined }> => {
  const flushed = await withStormFlushLock(deps.db, stormCardId, chat, (conn) =>
    flushExclusively({ ...deps, db: conn }, stormCardId, chat),
  );
  if (!flushed) throw new StormBeingFlushedError(stormCardId, chat);
  return flushed;
};

const flushExclusively = async (deps: CardPosterDeps, stormCardId: string, chat: ChatName) => {
  const placement = await findStormPlacement(deps.db, stormCardId, chat);
  if (!placement) return { result: 'missing' as const, listed: 0, next: undefined };
  // The folds wait in Postgres; the update waits (job retry) until the storm card is posted in this chat.
  if (!placement.chat_message_id) throw new NotYetError(`storm card ${stormCardId} is not posted in ${chat} yet; its update waits`);
  await clearFoldFlush(deps.db, placement.id);
  await refreshCard(deps, stormCardId, chat);
  const folds = await findUnnotedFolds(deps.db, placement.id, placement.fold_noted_through, FOLD_LINES_PER_NOTE + 1);
  const listed = folds.slice(0, FOLD_LINES_PER_NOTE);
  const last = listed.at(-1);
  if (last) {
    const adapter = deps.chats.get(chat);
    await adapter?.postNote(placement.channel, placement.chat_message_id, { text: foldedNoteText(listed) });
    await markFoldsNoted(deps.db, placement.id, last.placementId);
  }
  const delayMs = deps.storm?.flushDelayMs ?? DEFAULT_FOLD_FLUSH_MS;
  const at = folds.length > listed.length ? await requestFoldFlush(deps.db, placement.id, delayMs) : undefined;
  return { result: 'updated' as const, listed: listed.length, next: at ? { stormCardId, chat, at } : undefined };
};
