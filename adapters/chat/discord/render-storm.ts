import type { APIEmbedField } from 'discord.js';
import type { StormFolds } from '../../../src/domain/card.js';
import { stormWords } from '../../../src/domain/storm-words.js';
import { fitMarkdown, fitPlain, LIMITS } from './discord-text.js';

const REASONS_CHARS = 300;
const AUTHOR_CHARS = 60;
const EXCERPT_CHARS = 110;

/** A storm card's fold section as one embed field: counts by reason, the newest excerpts, and what Post as cards does. */
export const renderStorm = (storm: StormFolds): APIEmbedField => {
  const words = stormWords(storm);
  const lines = [
    ...(words.byReason ? [fitMarkdown(words.byReason, REASONS_CHARS)] : []),
    ...words.latest.map((line) => `• **${fitMarkdown(line.author, AUTHOR_CHARS)}**: “${fitMarkdown(line.text, EXCERPT_CHARS)}”`),
    `*${fitMarkdown(words.waiting, 300)}*`,
  ];
  return { name: fitPlain(words.title, LIMITS.fieldName), value: lines.join('\n') };
};
