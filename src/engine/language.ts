import { compileSubset, detectInSubset, type NgramData, type SubsetModel } from './eld-subset.js';

export type Detector = (text: string) => string;

/** 'und' (undetermined) when a message has too few letters to tell, e.g. only emoji. */
export const UNDETERMINED = 'und';

interface ScriptCounts {
  latin: number;
  greek: number;
  georgian: number;
  other: number;
}

const countScripts = (text: string): ScriptCounts => {
  const counts: ScriptCounts = { latin: 0, greek: 0, georgian: 0, other: 0 };
  const limit = Math.min(text.length, 400);
  for (let i = 0; i < limit; i += 1) {
    const unit = text.charCodeAt(i);
    if ((unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0xc0 && unit <= 0x24f)) counts.latin += 1;
    else if ((unit >= 0x370 && unit <= 0x3ff) || (unit >= 0x1f00 && unit <= 0x1fff)) counts.greek += 1;
    else if ((unit >= 0x10a0 && unit <= 0x10ff) || (unit >= 0x1c90 && unit <= 0x1cbf) || (unit >= 0x2d00 && unit <= 0x2d2f))
      counts.georgian += 1;
    else if (unit >= 0x400 && unit < 0xd800 && !(unit >= 0x2000 && unit <= 0x2bff)) counts.other += 1;
  }
  return counts;
};

export type Script = 'latin' | 'greek' | 'georgian' | 'other' | 'none';

/** The script most of a message's letters are in; 'none' for emoji and punctuation only. */
export const scriptOf = (text: string): Script => {
  const counts = countScripts(text);
  const letters = counts.latin + counts.greek + counts.georgian + counts.other;
  if (letters < 2) return 'none';
  if (counts.greek * 2 > letters) return 'greek';
  if (counts.georgian * 2 > letters) return 'georgian';
  return counts.latin * 2 > letters ? 'latin' : 'other';
};

const NON_LATIN: Record<string, Script> = { el: 'greek', ka: 'georgian' };
const LATIN = new Set([
  'en',
  'es',
  'de',
  'fr',
  'pt',
  'it',
  'nl',
  'ca',
  'da',
  'sv',
  'no',
  'fi',
  'et',
  'lv',
  'lt',
  'pl',
  'cs',
  'sk',
  'sl',
  'hr',
  'hu',
  'ro',
  'sq',
  'tr',
  'az',
  'eu',
  'is',
  'ms',
  'tl',
  'vi',
  'yo',
]);

/** Whether a language can be written in `script` (unknown languages: assume it can). */
export const writtenIn = (language: string, script: Script): boolean => {
  if (script === 'none') return true;
  const known = NON_LATIN[language] ?? (LATIN.has(language) ? 'latin' : undefined);
  return known === undefined || known === script;
};

const models = new Map<string, SubsetModel>();

const modelFor = (languages: readonly string[], ngrams: () => NgramData): SubsetModel => {
  const key = [...languages].sort().join(',');
  let model = models.get(key);
  if (model === undefined) {
    // Short social messages confuse a 60-language model; the playbook's languages are the candidates.
    model = compileSubset(languages, ngrams());
    models.set(key, model);
  }
  return model;
};

const MEMO_SIZE = 4_096;
/** Longer texts seldom come back word for word; they are not worth a memo slot. */
const MEMO_LONGEST = 500;

/**
 * Language of a message as an ISO 639-1 code. Greek and Georgian are told by their script
 * alone (cheap and certain); other scripts go to eld, restricted to `languages` when given.
 * `ngrams` gives eld's data (the shell reads it): asked at the first text that needs the table,
 * not with the playbook, so a thread that never detects (a replay's main thread) never holds it.
 */
export const createDetector = (languages: readonly string[], ngrams: () => NgramData): Detector => {
  let model: SubsetModel | undefined;
  const detect = detectUncached(() => (model ??= modelFor(languages, ngrams)));
  // The same comment comes back again and again ("first!", "😍😍", a copied spam line) and eld
  // is a tenth of a replay: answers are remembered, in a bounded memo of a pure function.
  const memo = new Map<string, string>();
  return (text) => {
    if (text.length > MEMO_LONGEST) return detect(text);
    let found = memo.get(text);
    if (found === undefined) {
      if (memo.size >= MEMO_SIZE) memo.clear();
      found = detect(text);
      memo.set(text, found);
    }
    return found;
  };
};

const detectUncached =
  (model: () => SubsetModel): Detector =>
  (text) => {
    const counts = countScripts(text);
    const letters = counts.latin + counts.greek + counts.georgian + counts.other;
    if (letters < 2) return UNDETERMINED;
    if (counts.greek * 2 > letters) return 'el';
    if (counts.georgian * 2 > letters) return 'ka';
    // The opening of a message says its language; long pastes cost time and add nothing.
    const found = detectInSubset(model(), text.length > 240 ? text.slice(0, 240) : text);
    return found === '' ? UNDETERMINED : found;
  };
