import { codePointAtIndex, codePointBefore, continuesWord } from './char-classes.js';

export interface Word {
  text: string;
  start: number;
  end: number;
  /** What separates it from where the walk came from: spaces, or punctuation that ends a clause. */
  gap: string;
}

const inWord = (codePoint: number): boolean => codePoint === 0x27 || continuesWord(codePoint);
const width = (codePoint: number): number => (codePoint > 0xffff ? 2 : 1);

/** The word that ends before `index` in folded text (apostrophes kept: "can't"), or null at the start. */
export const wordBefore = (text: string, index: number): Word | null => {
  let end = index;
  while (end > 0 && !inWord(codePointBefore(text, end))) end -= width(codePointBefore(text, end));
  if (end === 0) return null;
  let start = end;
  while (start > 0 && inWord(codePointBefore(text, start))) start -= width(codePointBefore(text, start));
  return { text: text.slice(start, end), start, end, gap: text.slice(end, index) };
};

/** The word that starts after `index` in folded text, or null at the end. */
export const wordAfter = (text: string, index: number): Word | null => {
  let start = index;
  while (start < text.length && !inWord(codePointAtIndex(text, start))) start += width(codePointAtIndex(text, start));
  if (start >= text.length) return null;
  let end = start;
  while (end < text.length && inWord(codePointAtIndex(text, end))) end += width(codePointAtIndex(text, end));
  return { text: text.slice(start, end), start, end, gap: text.slice(index, start) };
};

/** Punctuation that closes a clause: a negation or contrast does not reach across it. */
export const CLAUSE_BREAK = /[.,;:!?¡¿\n()…;·]/u;
