/**
 * eld's detection (the `extrasmall` model, eld 2.1.0, pinned), restricted to a playbook's
 * languages and scored from a table compiled once: the same answers as `eld.detect` with
 * `setLanguageSubset`, at a fraction of its cost. eld keeps each n-gram's scores in an object
 * of all 60 languages and walks it with `for…in` per message; a replay detects a million texts,
 * and eld was a tenth of its time. Here each n-gram that scores for a playbook language maps
 * to one small array of those languages' scores, and n-grams that score for none are dropped.
 *
 * The algorithm is eld's own (languageDetector.js): separators to spaces, lower case, each
 * word as UTF-8 bytes (one character per byte through eld's dictionary), 4-byte n-grams with
 * a stride of 3 plus the word's end, each distinct n-gram once; a language's score is the sum
 * of its n-grams' scores plus 53 each; the winner is the first language, in eld's order, with
 * the highest score above 0. `test/unit/engine/eld-subset.test.ts` holds it to eld's answers.
 */

/** eld's n-gram database as its data module holds it (see src/playbook/eld-ngrams.ts, which reads it). */
export interface NgramData {
  languages: Record<number, string>;
  ngrams: Record<string, Record<number, number>>;
}

// eld's package exports only its entry points; its dictionary and separators sit next to them.
const base = import.meta.resolve('eld/extrasmall');
const { dictionary } = (await import(new URL('../dictionary.js', base).href)) as { dictionary: string[] };
const { separators } = (await import(new URL('../regexPatterns.js', base).href)) as { separators: RegExp };

/** eld subtracts this from every stored score to keep its database small. */
const BASE_NGRAM_SCORE = 53;

export interface SubsetModel {
  /** The subset's language codes, in eld's order (ascending index). */
  codes: readonly string[];
  /** N-gram → each subset language's score for it (BASE_NGRAM_SCORE included); only n-grams that score for one. */
  scores: ReadonlyMap<string, Int32Array>;
}

/** The table for `languages` (those eld knows; all of eld's when none of them is known, as eld does). */
export const compileSubset = (languages: readonly string[], ngramsData: NgramData): SubsetModel => {
  const wanted = new Set(languages);
  let indices = Object.keys(ngramsData.languages)
    .map(Number)
    .filter((index) => wanted.has(ngramsData.languages[index] as string))
    .sort((a, b) => a - b);
  if (indices.length === 0) indices = Object.keys(ngramsData.languages).map(Number);
  const position = new Map(indices.map((index, at) => [index, at]));
  const scores = new Map<string, Int32Array>();
  for (const ngram of Object.keys(ngramsData.ngrams)) {
    const byLanguage = ngramsData.ngrams[ngram] as Record<number, number>;
    let row: Int32Array | undefined;
    for (const key of Object.keys(byLanguage)) {
      const at = position.get(Number(key));
      if (at === undefined) continue;
      row ??= new Int32Array(indices.length);
      row[at] = (byLanguage[Number(key)] as number) + BASE_NGRAM_SCORE;
    }
    if (row !== undefined) scores.set(ngram, row);
  }
  return { codes: indices.map((index) => ngramsData.languages[index] as string), scores };
};

const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;

/** eld's strToUtf8Bytes: the words of `text`, each byte as one character of eld's dictionary. */
const utf8Words = (text: string): string[] => {
  let encoded = '';
  const words: string[] = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    let unit = text.charCodeAt(i);
    if (unit < 0x80) {
      if (unit === 32) {
        if (encoded !== '') {
          words.push(encoded);
          encoded = '';
        }
        if (bytes > CUT_AFTER) break;
      } else {
        encoded += text[i];
      }
      bytes += 1;
    } else if (unit < 0x800) {
      encoded += (dictionary[0xc0 | (unit >> 6)] as string) + (dictionary[0x80 | (unit & 0x3f)] as string);
      bytes += 2;
    } else if (unit < 0xd800 || unit >= 0xe000) {
      encoded +=
        (dictionary[0xe0 | (unit >> 12)] as string) +
        (dictionary[0x80 | ((unit >> 6) & 0x3f)] as string) +
        (dictionary[0x80 | (unit & 0x3f)] as string);
      bytes += 3;
    } else {
      i += 1;
      unit = 0x10000 + (((unit & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      encoded +=
        (dictionary[0xf0 | (unit >> 18)] as string) +
        (dictionary[0x80 | ((unit >> 12) & 0x3f)] as string) +
        (dictionary[0x80 | ((unit >> 6) & 0x3f)] as string) +
        (dictionary[0x80 | (unit & 0x3f)] as string);
      bytes += 4;
    }
    if (bytes > ENFORCE_CUT_AFTER) break;
  }
  if (encoded !== '') words.push(encoded);
  return words;
};

const APOSTROPHES: ReadonlySet<number> = new Set([0x27, 0x60, 0x2019]);
/** eld's `separators` without `g` (so `test` keeps no state), to classify one character at a time. */
const SEPARATOR = new RegExp(separators.source, 'u');
// 0 = not yet known, 1 = a letter, 2 = a separator (eld's letters are all in the BMP).
const separatorCache = new Uint8Array(0x10000);

const isSeparator = (unit: number): boolean => {
  let known = separatorCache[unit] as number;
  if (known === 0) {
    // Apostrophes are not letters; the pattern's lookbehind only keeps them from ending a run.
    // Surrogate halves belong to characters outside eld's (BMP) letters.
    const separates = APOSTROPHES.has(unit) || (unit >= 0xd800 && unit <= 0xdfff) || SEPARATOR.test(String.fromCharCode(unit));
    known = separates ? 2 : 1;
    separatorCache[unit] = known;
  }
  return known === 2;
};

/**
 * `text.replace(separators, ' ')`, eld's first step, by hand: each run of non-letters becomes
 * one space, except that a run does not end just after an apostrophe (`[^L]+(?<!['`’])`), so
 * trailing apostrophes stay ("don’t" keeps its ’). The regex, a thousand-range class with a
 * lookbehind run through `replace`, was most of a detection's time.
 */
export const spaceSeparators = (text: string): string => {
  let out = '';
  let copied = 0;
  let index = 0;
  while (index < text.length) {
    if (!isSeparator(text.charCodeAt(index))) {
      index += 1;
      continue;
    }
    let runEnd = index + 1;
    while (runEnd < text.length && isSeparator(text.charCodeAt(runEnd))) runEnd += 1;
    // The greedy match backs off over trailing apostrophes; a run of apostrophes only is no match.
    let end = runEnd;
    while (end > index && APOSTROPHES.has(text.charCodeAt(end - 1))) end -= 1;
    if (end > index) {
      out += `${text.slice(copied, index)} `;
      copied = end;
    }
    index = runEnd;
  }
  return copied === 0 ? text : out + text.slice(copied);
};

/** eld's getByteNgrams, as a set. */
const ngramsOf = (words: readonly string[]): Set<string> => {
  const found = new Set<string>();
  for (const word of words) {
    const length = Math.min(word.length, 70);
    let j = 0;
    for (; j + 4 < length; j += 3) found.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    found.add(`${j === 0 ? ' ' : ''}${word.substring(length !== 3 ? length - 4 : 0)} `);
  }
  return found;
};

/** The language eld would detect among the subset's, or '' when none scores. */
export const detectInSubset = (model: SubsetModel, text: string): string => {
  const words = utf8Words(spaceSeparators(text.substring(0, 1000)).trim().toLowerCase());
  const totals = new Int32Array(model.codes.length);
  for (const ngram of ngramsOf(words)) {
    const row = model.scores.get(ngram);
    if (row === undefined) continue;
    for (let k = 0; k < row.length; k += 1) totals[k] = (totals[k] as number) + (row[k] as number);
  }
  let best = -1;
  let bestScore = 0;
  for (let k = 0; k < totals.length; k += 1) {
    if ((totals[k] as number) > bestScore) {
      bestScore = totals[k] as number;
      best = k;
    }
  }
  return best < 0 ? '' : (model.codes[best] as string);
};
