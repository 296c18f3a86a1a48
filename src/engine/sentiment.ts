import type { TextView } from './fold-text.js';
import { foldTerm } from './fold-text.js';
import { INTENSIFIERS, LEXICON, NEGATORS } from './sentiment-lexicon.js';
import { TermMatcher, type TermHit } from './term-matcher.js';

export interface SentimentModel {
  /**
   * A score in [-1, 1]: below about -0.3 reads as negative, above 0.3 as positive. `hits`
   * are the matcher's hits on `folded` when the caller already has them.
   */
  score(folded: TextView, hits?: readonly TermHit[]): number;
  /** One hit's lexicon weight (-3 … 3, a negation before it applied), 0 for terms that are not in the lexicon. */
  weigh(folded: TextView, hit: TermHit): number;
}

const NEGATOR_SET = new Set(NEGATORS.map(foldTerm));
const INTENSIFIER_SET = new Set(INTENSIFIERS.map(foldTerm));
// Squashes a raw sum into [-1, 1] the way VADER does, so one strong word is not already ±1.
const SQUASH = 15;

const WORD_CHAR = /[\p{L}\p{N}']/u;

// A negation does not reach past the end of its clause: "keine Beschwerde, alles perfekt".
const CLAUSE_END = /[.,;:!?\n]/u;

// What WORD_CHAR and CLAUSE_END say of each UTF-16 unit, worked out once per unit: the walk
// below tested a fresh one-character string with a Unicode regex at every step.
// Bit 1 = known, 2 = a word character, 4 = ends a clause.
const unitClasses = new Uint8Array(0x10000);

const classOf = (unit: number): number => {
  let known = unitClasses[unit] as number;
  if (known === 0) {
    const char = String.fromCharCode(unit);
    known = 1 | (WORD_CHAR.test(char) ? 2 : 0) | (CLAUSE_END.test(char) ? 4 : 0);
    unitClasses[unit] = known;
  }
  return known;
};

const isWordUnit = (text: string, at: number): boolean => (classOf(text.charCodeAt(at)) & 2) !== 0;

/** Up to three words just before `index` in the same clause, nearest last. */
const wordsBefore = (text: string, index: number): string[] => {
  const words: string[] = [];
  let end = index;
  while (words.length < 3 && end > 0 && index - end < 40) {
    while (end > 0 && !isWordUnit(text, end - 1)) {
      if ((classOf(text.charCodeAt(end - 1)) & 4) !== 0) return words;
      end -= 1;
    }
    let start = end;
    while (start > 0 && isWordUnit(text, start - 1)) start -= 1;
    if (start === end) break;
    words.unshift(text.slice(start, end));
    end = start;
  }
  return words;
};

/**
 * Compiles the lexicon into `matcher` — the playbook's own automaton when given, so one scan
 * finds rule terms and sentiment words alike.
 */
export const compileSentiment = (extra: Record<string, number> = {}, matcher = new TermMatcher()): SentimentModel => {
  const weights: number[] = [];
  const addTerm = (term: string, weight: number): void => {
    const id = matcher.add(term);
    if (id >= 0 && weights[id] === undefined) weights[id] = weight;
  };
  for (const [term, weight] of Object.entries(extra)) addTerm(term, weight);
  for (const byWeight of Object.values(LEXICON)) {
    for (const [weight, terms] of Object.entries(byWeight)) {
      for (const term of terms) addTerm(term, Number(weight));
    }
  }
  const weigh = (folded: TextView, hit: TermHit): number => {
    const base = weights[hit.term];
    if (base === undefined) return 0;
    const before = wordsBefore(folded.text, hit.start);
    // "not good" turns negative; "haven't been refunded" stays a (milder) complaint.
    if (before.some((word) => NEGATOR_SET.has(word))) return base * (base > 0 ? -0.7 : 0.4);
    if (before.length > 0 && INTENSIFIER_SET.has(before[before.length - 1] as string)) return base * 1.5;
    return base;
  };
  return {
    weigh,
    score(folded, hits = matcher.match(folded)) {
      let sum = 0;
      for (const hit of hits) if (weights[hit.term] !== undefined) sum += weigh(folded, hit);
      if (sum === 0) return 0;
      return Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + SQUASH)));
    },
  };
};
