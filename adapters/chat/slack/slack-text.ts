import type { ContextBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/web-api';
import { fitByGrapheme, fitText, leadingGraphemes } from '../../../src/domain/fit-text.js';

/** Block Kit limits (docs.slack.dev/reference/block-kit): Slack rejects the whole message past any of them. */
export const LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
  inputLabel: 2000,
  plainTextInput: 3000,
} as const;

/** Slack's formatting rules: only these three are control characters in message text. */
export const escapeMrkdwn = (raw: string): string => raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Most texts fit whole, and encoding the whole text at once is far cheaper than grapheme by grapheme. */
const fitEncoded = (raw: string, max: number, encode: (grapheme: string) => string, encodeAll: (text: string) => string): string => {
  const whole = encodeAll(raw);
  return whole.length <= max ? whole : fitByGrapheme(raw, max, encode);
};

export const fitPlain = (raw: string, max: number): string => fitText(raw, max);

export const fitMrkdwn = (raw: string, max: number): string => fitEncoded(raw, max, escapeMrkdwn, escapeMrkdwn);

const QUOTE_PREFIX = '> ';
/** Line by line, as the grapheme encoder below does it: a line break starts a new quoted line. */
const quoteLines = (text: string) => text.split(/\r?\n/u).map(escapeMrkdwn).join(`\n${QUOTE_PREFIX}`);

export const quoteGrapheme = (grapheme: string): string => (/^\r?\n$/u.test(grapheme) ? `\n${QUOTE_PREFIX}` : escapeMrkdwn(grapheme));

/** A mrkdwn block quote of `raw`, every line prefixed, escaped and cut to `max` in total. */
export const fitQuote = (raw: string, max: number): string => {
  const body = fitEncoded(raw.trim(), max - QUOTE_PREFIX.length, quoteGrapheme, quoteLines);
  return `${QUOTE_PREFIX}${body}`;
};

/** `<url|label>`: the URL must not carry the link syntax's own delimiters. */
export const link = (url: string, label: string): string =>
  `<${url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E')}|${escapeMrkdwn(label)}>`;

export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text });

export const plain = (text: string, max: number): PlainTextElement => ({
  type: 'plain_text',
  text: fitPlain(text, max),
  emoji: true,
});

/**
 * Last-resort cut of text that is already mrkdwn, between graphemes (never half an emoji), backing
 * off a half-cut entity ("&am") or token ("<http…").
 */
export const fitSlice = (text: string, max: number): string =>
  text.length <= max ? text : `${leadingGraphemes(text, max - 1).replace(/(&[a-z]*|<[^>]*)$/u, '')}…`;

/**
 * Text objects are verbatim unless said otherwise: much of what cards show was written by
 * commenters, and Slack must not turn their "#general", "@here" lookalikes or bare URLs into links.
 * Our own mentions and links are written in Slack's explicit syntax, which verbatim still honours.
 */
export interface TextOptions {
  verbatim?: boolean;
}

const textObject = (text: string, options: TextOptions): MrkdwnElement =>
  options.verbatim === false ? mrkdwn(text) : { ...mrkdwn(text), verbatim: true };

/** A section whose (already escaped) lines are joined and cut to the section limit. */
export const section = (lines: string[], options: TextOptions = {}): SectionBlock => ({
  type: 'section',
  text: textObject(fitSlice(lines.join('\n'), LIMITS.sectionText), options),
});

/** A context block; elements past the limit are folded into the last one rather than dropped. */
export const context = (texts: string[], options: TextOptions = {}): ContextBlock => {
  const head = texts.slice(0, LIMITS.contextElements - 1);
  const tail = texts.slice(LIMITS.contextElements - 1);
  const elements = tail.length > 0 ? [...head, tail.join('  ·  ')] : head;
  return { type: 'context', elements: elements.map((text) => textObject(fitSlice(text, LIMITS.sectionText), options)) };
};
