import type { APIEmbedField } from 'discord.js';
import type { StormFolds } from '../../../src/domain/card.js';
import { stormWords } from '../../../src/domain/storm-words.js';
import { fitMarkdown, fitPlain, LIMITS } from './discord-text.js';

// Within a field's 1,024 characters, escaping included: reasons, three excerpts and the waiting line.
const REASONS_CHARS = 250;
const AUTHOR_CHARS = 40;
const EXCERPT_CHARS = 80;
const WAITING_CHARS = 250;

/** A storm card's fold section as one embed field: counts by reason, the newest excerpts, and what Post as cards does. */
export const renderStorm = (storm: StormFolds): APIEmbedField => {
  const words = stormWords(storm);
  const lines = [
    ...(words.byReason ? [fitMarkdown(words.byReason, REASONS_CHARS)] : []),
    ...words.latest.map((line) => `• **${fitMarkdown(line.author, AUTHOR_CHARS)}**: “${fitMarkdown(line.text, EXCERPT_CHARS)}”`),
    `*${fitMarkdown(words.waiting, WAITING_CHARS)}*`,
  ];
  return { name: fitPlain(words.title, LIMITS.fieldName), value: lines.join('\n') };
};
