import { Automaton } from './automaton.js';
import { codePointAtIndex, codePointBefore, continuesWord } from './char-classes.js';
import { foldTerm, originalSlice, type TextView } from './fold-text.js';

export interface TermHit {
  term: number;
  /** The words as they appeared in the message. */
  text: string;
  start: number;
  end: number;
}

interface TermEntry {
  checkLeft: boolean;
  checkRight: boolean;
  prefix: boolean;
}

/** How a playbook writes a term: a trailing `*` matches any ending (`refund*` → refunded). */
export const parseTerm = (raw: string, fold: (term: string) => string = foldTerm) => {
  const trimmed = raw.trim();
  const prefix = trimmed.length > 1 && trimmed.endsWith('*');
  return { pattern: fold(prefix ? trimmed.slice(0, -1) : trimmed), prefix };
};

/**
 * Every term of a playbook in one automaton. Whole words and phrases in space-separated
 * scripts; a term whose edge is in an unspaced script (Han, Thai…) or is not a letter
 * (emoji, punctuation) matches there as a substring.
 */
export class TermMatcher {
  private readonly automaton = new Automaton();
  private readonly entries: TermEntry[] = [];
  private readonly ids = new Map<string, number>();

  constructor(private readonly fold: (term: string) => string = foldTerm) {}

  /** Returns the term's id, or -1 when it folds to nothing (the caller reports that). */
  add(raw: string): number {
    const { pattern, prefix } = parseTerm(raw, this.fold);
    if (pattern.length === 0) return -1;
    const key = `${prefix ? '*' : '='}${pattern}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.automaton.add(pattern);
    this.entries.push({
      checkLeft: continuesWord(pattern.codePointAt(0) ?? -1),
      checkRight: !prefix && continuesWord(codePointBefore(pattern, pattern.length)),
      prefix,
    });
    this.ids.set(key, id);
    return id;
  }

  get size(): number {
    return this.entries.length;
  }

  match(view: TextView): TermHit[] {
    const hits: TermHit[] = [];
    const text = view.text;
    this.automaton.scan(text, (term, start, end) => {
      const entry = this.entries[term] as TermEntry;
      if (entry.checkLeft && continuesWord(codePointBefore(text, start))) return;
      if (entry.checkRight && continuesWord(codePointAtIndex(text, end))) return;
      let wordEnd = end;
      if (entry.prefix) {
        // Report the whole inflected word ("refunded"), not just the stem.
        for (let next = codePointAtIndex(text, wordEnd); continuesWord(next); next = codePointAtIndex(text, wordEnd)) {
          wordEnd += next > 0xffff ? 2 : 1;
        }
      }
      hits.push({ term, text: originalSlice(view, start, wordEnd), start, end: wordEnd });
    });
    return hits;
  }
}

/**
 * The matched texts of the hits whose term is in `terms`, each once, in order of appearance;
 * a hit inside a longer one ("sue" in "I will sue") is left out.
 */
export const hitsFor = (hits: readonly TermHit[], terms: ReadonlySet<number>): string[] => {
  // Plain loops: this runs for every keyword rule on every message.
  let chosen: TermHit[] | undefined;
  for (const hit of hits) {
    if (terms.has(hit.term)) (chosen ??= []).push(hit);
  }
  if (chosen === undefined) return [];
  if (chosen.length > 1) chosen.sort((a, b) => a.start - b.start || b.end - a.end);
  const found: string[] = [];
  let coveredTo = -1;
  for (const hit of chosen) {
    if (hit.end <= coveredTo) continue;
    coveredTo = Math.max(coveredTo, hit.end);
    if (!found.includes(hit.text)) found.push(hit.text);
  }
  return found;
};
