import { endOf, foldText, foldTerm, fromUnits, startOf, type TextView } from './fold-text.js';

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  $: 's',
  '@': 'a',
  '!': 'i',
  '|': 'l',
};
const LETTER = /\p{L}/u;
// "s h i t", "s.h.i.t", "f-u-c-k": three or more lone letters joined by one separator.
const SPELLED_OUT = /(?<!\p{L})\p{L}(?:[ .\-_]\p{L}(?!\p{L})){2,}/gu;

// Most messages contain no disguise at all: then the folded view is already the answer.
const MAY_BE_DISGUISED = /[0134578$@!|]|(\p{L})\1\1|\p{L}[ .\-_]\p{L}[ .\-_]\p{L}(?!\p{L})/u;

// The undisguising loop reads UTF-16 units, not one-character strings: looking a fresh
// string up in LEET and testing LETTER on it per character was most of its time.
/** LEET by unit: the letter's unit a symbol or digit may stand for, 0 for none. */
const LEET_UNITS = new Uint16Array(128);
for (const [symbol, letter] of Object.entries(LEET)) LEET_UNITS[symbol.charCodeAt(0)] = letter.charCodeAt(0);
const EXCLAMATION = 0x21;
const BAR = 0x7c;
// 0 = not yet known, 1 = a letter, 2 = not: each unit is tested with LETTER once.
const letterCache = new Uint8Array(0x10000);

/** Whether the unit is a letter, as LETTER tests the one-unit string; false for -1 (no unit). */
const isLetter = (unit: number): boolean => {
  if (unit < 0) return false;
  let known = letterCache[unit] as number;
  if (known === 0) {
    known = LETTER.test(String.fromCharCode(unit)) ? 1 : 2;
    letterCache[unit] = known;
  }
  return known === 1;
};

// A symbol is a disguised letter when a letter follows it (sh1t, $hit) or when it trails a
// letter (a$$, h3ll0) — but "!" and "|" after a word are punctuation.
const shouldUnmask = (unit: number, previous: number, next: number): boolean =>
  isLetter(next) || (isLetter(previous) && unit !== EXCLAMATION && unit !== BAR);

/** The symbols of MAY_BE_DISGUISED's first alternative, by unit. */
const DISGUISING = new Uint8Array(0x80);
for (const symbol of '0134578$@!|') DISGUISING[symbol.charCodeAt(0)] = 1;

const isSpelledSeparator = (unit: number): boolean => unit === 0x20 || unit === 0x2e || unit === 0x2d || unit === 0x5f;

/** The unit at `index`, or -1 past the end. */
const unitAt = (text: string, index: number): number => (index < text.length ? text.charCodeAt(index) : -1);

/**
 * `MAY_BE_DISGUISED.test(text)` by hand over the letter table: asked of every message, and the
 * regex (a back-reference on `\p{L}`, tried at every position) cost more than the walk that
 * follows it. A text with characters outside the BMP goes to the regex, which reads code points.
 */
export const mayBeDisguised = (text: string): boolean => {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80 && DISGUISING[unit] === 1) return true;
    if (unit >= 0xd800 && unit <= 0xdfff) return MAY_BE_DISGUISED.test(text);
  }
  for (let i = 0; i + 2 < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (!isLetter(unit)) continue;
    // A letter three times (shiiit), or three lone letters joined by separators (s.h.i.t).
    if (text.charCodeAt(i + 1) === unit && text.charCodeAt(i + 2) === unit) return true;
    if (
      isSpelledSeparator(text.charCodeAt(i + 1)) &&
      isLetter(text.charCodeAt(i + 2)) &&
      isSpelledSeparator(unitAt(text, i + 3)) &&
      isLetter(unitAt(text, i + 4)) &&
      !isLetter(unitAt(text, i + 5))
    )
      return true;
  }
  return false;
};

/** Marks the separators inside spelled-out words so they are skipped. */
const spelledOutSeparators = (text: string): Set<number> | null => {
  if (!/\p{L}[ .\-_]\p{L}[ .\-_]\p{L}/u.test(text)) return null;
  const skip = new Set<number>();
  for (const match of text.matchAll(SPELLED_OUT)) {
    const from = match.index;
    for (let i = from + 1; i < from + match[0].length; i += 2) skip.add(i);
  }
  return skip;
};

/**
 * A view for profanity matching that undoes common disguises: leetspeak next to letters
 * (sh1t, $hit), stretched letters (shiiiit), spelled-out words (s.h.i.t).
 */
export const deobfuscate = (folded: TextView): TextView => {
  const text = folded.text;
  if (!mayBeDisguised(text)) return folded;
  const skip = spelledOutSeparators(text);
  const start: number[] = [];
  const end: number[] = [];
  // The new text's units, made into one flat string at the end (see `fromUnits`).
  const units: number[] = [];
  // Until the first character that changes, the view would be the folded one, unit for unit:
  // nothing is built (most "!" and digits disguise nothing), and if nothing changes, `folded` is the answer.
  let changed = false;
  const copyUpTo = (index: number): void => {
    for (let k = 0; k < index; k += 1) {
      start[k] = startOf(folded, k);
      end[k] = endOf(folded, k);
      units[k] = text.charCodeAt(k);
    }
    changed = true;
  };
  // The last unit written (-1 before the first), kept for the checks below.
  let last = -1;
  let count = 0;
  let runUnit = -1;
  let runLength = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (skip?.has(i)) {
      if (!changed) copyUpTo(i);
      continue;
    }
    const written = text.charCodeAt(i);
    let unit = written;
    const leet = written < 0x80 ? (LEET_UNITS[written] as number) : 0;
    if (leet !== 0 && shouldUnmask(written, last, i + 1 < text.length ? text.charCodeAt(i + 1) : -1)) unit = leet;
    if (unit !== written && !changed) copyUpTo(i);
    if (unit === runUnit) {
      runLength += 1;
      // Doubled letters are real spelling (ass, scheiße→scheisse); three or more are stretching.
      if (runLength >= 3 && isLetter(unit)) {
        if (!changed) copyUpTo(i);
        if (runLength === 3) {
          units.pop();
          count -= 1;
        }
        end[count - 1] = endOf(folded, i);
        continue;
      }
    } else {
      runUnit = unit;
      runLength = 1;
    }
    if (changed) {
      start[count] = startOf(folded, i);
      end[count] = endOf(folded, i);
      units.push(unit);
    }
    count += 1;
    last = unit;
  }
  if (!changed) return folded;
  start.length = count;
  end.length = count;
  return { text: fromUnits(units), original: folded.original, start, end };
};

/** Folds a profanity term the way message text is folded and deobfuscated. */
export const deobfuscateTerm = (term: string): string => {
  const folded = foldTerm(term);
  return deobfuscate(foldText(folded)).text;
};
