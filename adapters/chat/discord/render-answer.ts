import type { CommandAnswer, Words } from '../../../src/command-center/command-answer.js';
import { NO_PINGS } from './discord-mention.js';
import { escapeMarkdown, fitSlice, LIMITS } from './discord-text.js';
import type { RenderedMessage } from './render-card.js';
import { renderReport } from './render-report.js';

/** Plain parts escaped, code parts in backticks (which they may not contain themselves). */
export const renderWords = (words: Words): string =>
  fitSlice(
    words.map((part) => (typeof part === 'string' ? escapeMarkdown(part) : `\`${part.code.replace(/`/gu, '')}\``)).join(''),
    LIMITS.content,
  );

/** A command's answer as a Discord message body: a report's embed, or words as content. Never pings. */
export const renderAnswer = (answer: CommandAnswer): Omit<RenderedMessage, 'components'> =>
  answer.kind === 'report'
    ? { content: '', embeds: [renderReport(answer.report)], allowed_mentions: NO_PINGS }
    : { content: renderWords(answer.words), embeds: [], allowed_mentions: NO_PINGS };
