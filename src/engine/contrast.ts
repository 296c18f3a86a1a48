import { foldTerm, originalSlice, type TextView } from './fold-text.js';
import type { TermHit } from './term-matcher.js';
import { wordAfter } from './words.js';

/** "X but Y": Y is what the writer means, so it weighs more (VADER's rule). */
const BUT = new Set(
  [
    'but',
    'however',
    'pero',
    'porém',
    'contudo',
    'mais',
    'cependant',
    'pourtant',
    'aber',
    'doch',
    'jedoch',
    'trotzdem',
    'però',
    'tuttavia',
    'αλλά',
    'όμως',
    'მაგრამ',
  ].map(foldTerm),
);
/** Contrast words that are other words elsewhere (French "ma journée", Spanish "más"): only in their own language. */
const BUT_IN: Record<string, string> = { ma: 'it', mas: 'pt' };
/** "although X, Y": the conceded clause weighs less. Two-word ones are matched by their first word and the next. */
const CONCEDE = new Set(
  ['although', 'though', 'aunque', 'embora', 'obwohl', 'sebbene', 'benché', 'παρόλο', 'თუმცა', 'მიუხედავად'].map(foldTerm),
);
const CONCEDE_PAIRS = new Set(
  ['even though', 'even if', 'mesmo que', 'bien que', 'même si', 'auch wenn', 'anche se', 'αν και'].map(foldTerm),
);
// . ! ? line break …
const endsSentence = (unit: number): boolean => unit === 0x2e || unit === 0x21 || unit === 0x3f || unit === 0x0a || unit === 0x2026;
/** A sentence at least this positive, weighted, is "plainly positive overall". */
const POSITIVE = 1.5;

export interface Positivity {
  positive: boolean;
  /** The contrast word that tipped it ("but"), as written; absent when the sentence is positive throughout. */
  cue?: string;
}

interface Span {
  from: number;
  to: number;
}

/** The sentence around [start, end); a next sentence that opens with "But…" belongs to it. */
const sentenceAround = (text: string, start: number, end: number): Span => {
  let from = start;
  while (from > 0 && !endsSentence(text.charCodeAt(from - 1))) from -= 1;
  let to = end;
  for (;;) {
    while (to < text.length && !endsSentence(text.charCodeAt(to))) to += 1;
    const next = wordAfter(text, to);
    if (next === null || !BUT.has(next.text)) return { from, to };
    to = next.end;
  }
};

interface Weights {
  /** Where a "but" shifts the weight: earlier words ×0.5, later ×1.5. */
  but: number | null;
  butCue: Span | null;
  /** Conceded clauses, ×0.5, each with the words that concede ("even though"). */
  conceded: (Span & { cue: Span })[];
}

const findContrasts = (text: string, sentence: Span, language: () => string): Weights => {
  const weights: Weights = { but: null, butCue: null, conceded: [] };
  for (let word = wordAfter(text, sentence.from); word !== null && word.start < sentence.to; word = wordAfter(text, word.end)) {
    const own = BUT_IN[word.text];
    // The first "but" of a sentence is the turn; a later one is usually inside the second clause.
    if (weights.but === null && (BUT.has(word.text) || (own !== undefined && language() === own))) {
      weights.but = word.start;
      weights.butCue = { from: word.start, to: word.end };
      continue;
    }
    const next = wordAfter(text, word.end);
    const pair = next !== null && CONCEDE_PAIRS.has(`${word.text} ${next.text}`);
    if (pair || CONCEDE.has(word.text)) {
      let to = word.end;
      while (to < sentence.to && text[to] !== ',') to += 1;
      weights.conceded.push({ from: word.start, to, cue: { from: word.start, to: pair && next ? next.end : word.end } });
    }
  }
  return weights;
};

const factorAt = (weights: Weights, index: number): number => {
  let factor = 1;
  if (weights.but !== null) factor = index < weights.but ? 0.5 : 1.5;
  if (weights.conceded.some((span) => index >= span.from && index < span.to)) factor *= 0.5;
  return factor;
};

/**
 * Whether the sentence around `hit` is plainly positive overall, the clause after a "but"
 * weighing more and a conceded one less: "I hate Mondays but this made my day" is praise.
 */
export const positivityAround = (
  view: TextView,
  hit: TermHit,
  hits: readonly TermHit[],
  weigh: (hit: TermHit) => number,
  language: () => string,
): Positivity => {
  const text = view.text;
  const sentence = sentenceAround(text, hit.start, hit.end);
  const inSentence: { start: number; weight: number }[] = [];
  let best = 0;
  for (const other of hits) {
    if (other.start < sentence.from || other.end > sentence.to) continue;
    const weight = weigh(other);
    if (weight === 0) continue;
    inSentence.push({ start: other.start, weight });
    best += weight * (weight > 0 ? 1.5 : 0.5);
  }
  // Not positive even if every contrast fell its way: no need to look for one.
  if (best < POSITIVE) return { positive: false };
  const weights = findContrasts(text, sentence, language);
  let sum = 0;
  for (const { start, weight } of inSentence) sum += weight * factorAt(weights, start);
  if (sum < POSITIVE) return { positive: false };
  const tipped = factorAt(weights, hit.start) < 1;
  if (!tipped) return { positive: true };
  const cue = weights.conceded.find((span) => hit.start >= span.from && hit.start < span.to)?.cue ?? weights.butCue;
  return cue ? { positive: true, cue: originalSlice(view, cue.from, cue.to) } : { positive: true };
};
