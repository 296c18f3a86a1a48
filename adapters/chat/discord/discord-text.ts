import { fitByGrapheme, fitText } from '../../../src/domain/fit-text.js';

/** Discord's message, embed and component limits (discord-api-docs): past any of them Discord refuses the whole message. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  modalTitle: 45,
  inputLabel: 45,
  inputValue: 4000,
  threadName: 100,
} as const;

/** Markdown, mention and link syntax a commenter's text could use: a backslash shows each as itself. */
const MARKDOWN = /[\\*_~`|>#[\]<@-]/gu;

export const escapeMarkdown = (raw: string): string => raw.replace(MARKDOWN, (character) => `\\${character}`);

/** Escaped and cut to `max` in total, never between a backslash and what it escapes. */
export const fitMarkdown = (raw: string, max: number): string => {
  const whole = escapeMarkdown(raw);
  return whole.length <= max ? whole : fitByGrapheme(raw, max, escapeMarkdown);
};

export const fitPlain = (raw: string, max: number): string => fitText(raw, max);

const QUOTE_PREFIX = '> ';

const quoteGrapheme = (grapheme: string): string => (/^\r?\n$/u.test(grapheme) ? `\n${QUOTE_PREFIX}` : escapeMarkdown(grapheme));

/** A block quote of `raw`, every line prefixed, escaped and cut to `max` in total. */
export const fitQuote = (raw: string, max: number): string =>
  `${QUOTE_PREFIX}${fitByGrapheme(raw.trim(), max - QUOTE_PREFIX.length, quoteGrapheme)}`;

/** A masked link; the URL loses the characters that would end the link early. */
export const link = (url: string, label: string): string => `[${fitMarkdown(label, 200)}](${url.replace(/[()\s]/gu, encodeURIComponent)})`;

/** Discord's timestamp token: each reader sees it in their own zone and language. */
export const discordDate = (at: Date, style: 'f' | 'R' = 'f'): string => `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;

/** Text that is already markdown, cut at `max` between graphemes and away from a half-written escape. */
export const fitSlice = (text: string, max: number): string => (text.length <= max ? text : `${fitText(text, max).replace(/\\…$/u, '…')}`);
