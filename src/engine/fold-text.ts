/**
 * A transformed copy of a message's text that remembers, for each of its UTF-16 units,
 * which range of the original text it came from — so matches found in the folded text are
 * reported as they appeared.
 */
export interface TextView {
  readonly text: string;
  readonly original: string;
  /** Original start and end of each unit of `text`; null when they are the unit's own index. */
  readonly start: readonly number[] | null;
  readonly end: readonly number[] | null;
}

export const startOf = (view: TextView, index: number): number => (view.start === null ? index : (view.start[index] ?? 0));
export const endOf = (view: TextView, index: number): number => (view.end === null ? index + 1 : (view.end[index] ?? 0));

/** Printable ASCII with single inner spaces and no backtick: lower-casing is the whole fold. */
const isPlainAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit > 0x7e || unit === 0x60) return false;
    if (unit === 0x20 && (i === 0 || text.charCodeAt(i - 1) === 0x20)) return false;
  }
  return true;
};

// Accents and optional vowel signs only: Latin/Greek/Cyrillic diacritics, Hebrew points,
// Arabic harakat. Marks that change a letter's identity in Indic scripts are kept.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: a class of lone combining marks, matched one at a time on purpose
const STRIP_MARKS = /[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20dc\ufe20-\ufe2f]/gu;
const INVISIBLE = new Set([0xfe0e, 0xfe0f, 0x200b, 0x200c, 0x2060, 0xfeff, 0x00ad]);
const APOSTROPHES = /[\u2018\u2019\u02bc\u00b4\u0060\uff07]/gu;
const WHITESPACE = /^\s$/u;

const cache = new Map<number, string>();

const foldCodePoint = (codePoint: number): string => {
  const cached = cache.get(codePoint);
  if (cached !== undefined) return cached;
  const char = String.fromCodePoint(codePoint);
  let folded: string;
  if (INVISIBLE.has(codePoint)) folded = '';
  else if (WHITESPACE.test(char)) folded = ' ';
  else {
    folded = char
      .normalize('NFKD')
      .replace(STRIP_MARKS, '')
      .toLowerCase()
      .replace(/ς/gu, 'σ')
      .replace(/ß/gu, 'ss')
      .replace(APOSTROPHES, "'")
      .normalize('NFC');
    if (/^\s+$/u.test(folded)) folded = ' ';
  }
  if (cache.size < 50_000) cache.set(codePoint, folded);
  return folded;
};

/**
 * Folds case (Greek final sigma included), width, compatibility forms and accents, drops
 * invisible characters and collapses whitespace, keeping the map back to the original.
 */
export const foldText = (original: string): TextView => {
  if (isPlainAscii(original)) {
    return { text: original.toLowerCase(), original, start: null, end: null };
  }
  const length = original.length;
  // Plain arrays, not typed ones: per-message typed arrays live off-heap and pile up between
  // major collections, which doubled a million-message replay's memory.
  const start: number[] = [];
  const end: number[] = [];
  // The folded text's units, made into one string at the end: appending to a string unit by
  // unit built a chain of intermediate strings, most of a message's garbage.
  const units: number[] = [];
  let lastWasSpace = true;

  let index = 0;
  while (index < length) {
    const unit = original.charCodeAt(index);
    let width = 1;
    let folded: string;
    if (unit < 0x80) {
      if (unit >= 0x41 && unit <= 0x5a) folded = String.fromCharCode(unit + 32);
      else if (unit === 0x20 || (unit >= 0x09 && unit <= 0x0d)) folded = ' ';
      else if (unit === 0x60) folded = "'";
      else folded = original[index] ?? '';
    } else {
      const codePoint = original.codePointAt(index) ?? unit;
      width = codePoint > 0xffff ? 2 : 1;
      folded = foldCodePoint(codePoint);
    }
    if (folded === ' ') {
      if (lastWasSpace) {
        if (end.length > 0) end[end.length - 1] = index + width;
        index += width;
        continue;
      }
      lastWasSpace = true;
    } else if (folded.length > 0) {
      lastWasSpace = false;
    } else {
      if (end.length > 0) end[end.length - 1] = index + width;
      index += width;
      continue;
    }
    for (let k = 0; k < folded.length; k += 1) {
      start.push(index);
      end.push(index + width);
      units.push(folded.charCodeAt(k));
    }
    index += width;
  }
  return { text: fromUnits(units), original, start, end };
};

/** Arguments per `String.fromCharCode` call: well under every engine's limit on arguments. */
const UNITS_PER_CALL = 4_096;

/**
 * One flat string from UTF-16 units. `apply`, not a spread: V8 passes the array straight
 * through (a spread copied it, and doubled the fold's time). A flat string also spares the
 * automata and regexes that read it next from flattening a chain of appended pieces.
 */
export const fromUnits = (units: number[]): string => {
  if (units.length <= UNITS_PER_CALL) return String.fromCharCode.apply(null, units);
  let text = '';
  for (let from = 0; from < units.length; from += UNITS_PER_CALL) {
    text += String.fromCharCode.apply(null, units.slice(from, from + UNITS_PER_CALL));
  }
  return text;
};

/** Folds a playbook term the same way message text is folded (and trims it). */
export const foldTerm = (term: string): string => foldText(term.trim()).text.trim();

/** The original text behind the folded range [from, to). */
export const originalSlice = (view: TextView, from: number, to: number): string =>
  to <= from ? '' : view.original.slice(startOf(view, from), endOf(view, to - 1));
