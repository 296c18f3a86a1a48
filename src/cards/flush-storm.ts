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

/**
 * Folded cards are listed in the storm card's thread as compact lines, packed several to a message within
 * NOTE_CHARS (Discord takes 2,000 characters, escaping included), at most NOTES_PER_FLUSH messages per update.
 */
const NOTE_CHARS = 1_500;
export const NOTES_PER_FLUSH = 3;
const LINES_PER_FLUSH = 60;
const EXCERPT_CHARS = 60;

/** Another worker is updating this storm card in this chat; this update runs again shortly. */
export class StormBeingFlushedError extends NotYetError {
  constructor(cardId: string, chat: ChatName) {
    super(`storm card ${cardId} is being updated in ${chat} by another worker`);
    this.name = 'StormBeingFlushedError';
  }
}

/** One compact line per folded card: its card, why, who and the start of what they wrote. */
export const foldedLineText = (line: FoldedLine): string =>
  `• #${line.cardId} ${line.reason} · ${snippet(line.author, 40)}: “${line.text === null ? REDACTED_WORDS : snippet(line.text, EXCERPT_CHARS)}”`;

/** The lines packed into thread messages of at most NOTE_CHARS, each with the last folded placement it lists. */
export const packFoldedNotes = (lines: readonly FoldedLine[], max = NOTES_PER_FLUSH): { text: string; through: string }[] => {
  const notes: { text: string; through: string }[] = [];
  let current: string[] = [];
  let through = '';
  const close = () => {
    if (current.length > 0) notes.push({ text: [`🌪️ Folded into this card (${current.length}):`, ...current].join('\n'), through });
    current = [];
  };
  for (const line of lines) {
    const text = foldedLineText(line);
    if (current.length > 0 && [...current, text].join('\n').length > NOTE_CHARS) close();
    if (notes.length === max) break;
    current.push(text);
    through = line.placementId;
  }
  if (notes.length < max) close();
  return notes;
};

/**
 * The storm card's coalesced update in one chat: re-render it (counts, newest excerpts, Post as cards) and
 * list the cards folded since the last update in its thread, several to a message. When
 * more are waiting, the next update is asked for (`next`), so a storm costs this chat at most one update
 * and NOTES_PER_FLUSH thread messages per interval, however many cards fold. The update is cleared as due before the chat
 * calls: a card that folds meanwhile asks for the next one. A rate limit (429) propagates to the job, which
 * waits as long as the chat asked. One update per storm card and chat runs at a time (session advisory lock).
 */
export const flushStorm = async (
  deps: CardPosterDeps,
  stormCardId: string,
  chat: ChatName,
): Promise<{ result: 'updated' | 'missing'; notes: number; next: FoldFlush | undefined }> => {
  const flushed = await withStormFlushLock(deps.db, stormCardId, chat, (conn) =>
    flushExclusively({ ...deps, db: conn }, stormCardId, chat),
  );
  if (!flushed) throw new StormBeingFlushedError(stormCardId, chat);
  return flushed;
};

const flushExclusively = async (deps: CardPosterDeps, stormCardId: string, chat: ChatName) => {
  const placement = await findStormPlacement(deps.db, stormCardId, chat);
  if (!placement) return { result: 'missing' as const, notes: 0, next: undefined };
  // The folds wait in Postgres; the update waits (job retry) until the storm card is posted in this chat.
  if (!placement.chat_message_id) throw new NotYetError(`storm card ${stormCardId} is not posted in ${chat} yet; its update waits`);
  await clearFoldFlush(deps.db, placement.id);
  await refreshCard(deps, stormCardId, chat);
  const folds = await findUnnotedFolds(deps.db, placement.id, placement.fold_noted_through, LINES_PER_FLUSH);
  const notes = packFoldedNotes(folds);
  const adapter = deps.chats.get(chat);
  for (const note of notes) {
    await adapter?.postNote(placement.channel, placement.chat_message_id, { text: note.text });
    await markFoldsNoted(deps.db, placement.id, note.through);
  }
  const listed = notes.at(-1)?.through;
  const remaining = folds.length > 0 && folds.at(-1)?.placementId !== listed;
  const delayMs = deps.storm?.flushDelayMs ?? DEFAULT_FOLD_FLUSH_MS;
  // A full page of folds may hide more behind it: the next update lists them.
  const more = remaining || folds.length === LINES_PER_FLUSH;
  const at = more ? await requestFoldFlush(deps.db, placement.id, delayMs) : undefined;
  return { result: 'updated' as const, notes: notes.length, next: at ? { stormCardId, chat, at } : undefined };
};
