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

const isLetter = (char: string | undefined): boolean => char !== undefined && LETTER.test(char);

// A symbol is a disguised letter when a letter follows it (sh1t, $hit) or when it trails a
// letter (a$$, h3ll0) — but "!" and "|" after a word are punctuation.
const shouldUnmask = (char: string, previous: string | undefined, next: string | undefined): boolean =>
  isLetter(next) || (isLetter(previous) && char !== '!' && char !== '|');

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
  if (!MAY_BE_DISGUISED.test(text)) return folded;
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
  // The last character written, kept aside as a string for the checks below.
  let last: string | undefined;
  let count = 0;
  let runChar = '';
  let runLength = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (skip?.has(i)) {
      if (!changed) copyUpTo(i);
      continue;
    }
    const written = text[i] as string;
    let char = written;
    const leet = LEET[char];
    if (leet !== undefined && shouldUnmask(char, last, text[i + 1])) char = leet;
    if (char !== written && !changed) copyUpTo(i);
    if (char === runChar) {
      runLength += 1;
      // Doubled letters are real spelling (ass, scheiße→scheisse); three or more are stretching.
      if (runLength >= 3 && isLetter(char)) {
        if (!changed) copyUpTo(i);
        if (runLength === 3) {
          units.pop();
          count -= 1;
        }
        end[count - 1] = endOf(folded, i);
        continue;
      }
    } else {
      runChar = char;
      runLength = 1;
    }
    if (changed) {
      start[count] = startOf(folded, i);
      end[count] = endOf(folded, i);
      units.push(char.charCodeAt(0));
    }
    count += 1;
    last = char;
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
