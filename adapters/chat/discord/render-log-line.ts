import type { LogLine } from '../../../src/domain/chat.js';
import { NO_PINGS } from './discord-mention.js';
import { fitMarkdown, LIMITS } from './discord-text.js';
import { renderButtonRows } from './render-buttons.js';
import type { RenderedMessage } from './render-card.js';

/**
 * One compact line of the automatic-actions log: the words (the commenter's text escaped, and never a
 * ping) and, while it can still be taken back, Undo. Its custom id names the undo as a card button's
 * card (`sb:undo:<undo>:0`), so a press on it is read like any other.
 */
export const renderLogLine = (line: LogLine): RenderedMessage => ({
  content: fitMarkdown(line.text, LIMITS.content),
  embeds: [],
  components: line.undoId ? renderButtonRows(['undo'], line.undoId, 0) : [],
  allowed_mentions: NO_PINGS,
});
