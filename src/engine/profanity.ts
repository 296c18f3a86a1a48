import { deobfuscate, deobfuscateTerm } from './deobfuscate.js';
import type { TextView } from './fold-text.js';
import { INSULTS, PROFANITY, SECOND_PERSON } from './profanity-lists.js';
import { TermMatcher, parseTerm, type TermHit } from './term-matcher.js';
import { CLAUSE_BREAK, wordAfter, wordBefore } from './words.js';

export interface ProfanityOptions {
  /** Built-in lists to use; every built-in language when absent. */
  languages?: readonly string[];
  add?: readonly string[];
  allow?: readonly string[];
}

export interface ProfanityFilter {
  /** The offending words as they appeared in the message. */
  find(folded: TextView): string[];
  /** Those aimed at someone: insults ("bitch", "ta gueule"), or swearing next to a "you" ("fuck you", "you are a sh1t"). */
  aimed(folded: TextView): string[];
  readonly size: number;
}

/** How many words from a "you" swearing counts as aimed at them. */
const AIM_WORDS = 3;

const nextToYou = (text: string, hit: TermHit): boolean => {
  let index = hit.start;
  for (let step = 0; step < AIM_WORDS; step += 1) {
    const word = wordBefore(text, index);
    if (word === null || CLAUSE_BREAK.test(word.gap)) break;
    if (SECOND_PERSON.has(word.text)) return true;
    index = word.start;
  }
  index = hit.end;
  for (let step = 0; step < AIM_WORDS; step += 1) {
    const word = wordAfter(text, index);
    if (word === null || CLAUSE_BREAK.test(word.gap)) break;
    if (SECOND_PERSON.has(word.text)) return true;
    index = word.end;
  }
  return false;
};

const VOWELS = /[aeiouαεηιουωаеиоуыэюя]/u;

/** `fuck` also as `f*ck`: a masked vowel is the most common disguise that leetspeak misses. */
const maskedVariants = (term: string): string[] => {
  const prefix = term.endsWith('*');
  const body = prefix ? term.slice(0, -1) : term;
  const variants: string[] = [];
  for (let i = 1; i < body.length - 1; i += 1) {
    if (VOWELS.test(body[i] as string)) variants.push(`${body.slice(0, i)}*${body.slice(i + 1)}${prefix ? '*' : ''}`);
  }
  return variants;
};

export const compileProfanity = (options: ProfanityOptions = {}): ProfanityFilter => {
  const languages = options.languages ?? Object.keys(PROFANITY);
  const allowed = new Set((options.allow ?? []).map((term) => parseTerm(term, deobfuscateTerm).pattern));
  const matcher = new TermMatcher(deobfuscateTerm);
  const insults: boolean[] = [];
  const insulting = new Set(languages.flatMap((language) => INSULTS[language] ?? []));
  const terms = [...languages.flatMap((language) => PROFANITY[language] ?? []), ...(options.add ?? [])];
  for (const term of terms) {
    if (allowed.has(parseTerm(term, deobfuscateTerm).pattern)) continue;
    const ids = [matcher.add(term)];
    for (const variant of maskedVariants(deobfuscateTerm(term.replace(/\*$/u, '')) + (term.endsWith('*') ? '*' : ''))) {
      ids.push(matcher.add(variant));
    }
    if (insulting.has(term)) for (const id of ids) if (id >= 0) insults[id] = true;
  }
  // `aimed` follows `find` on the same message: its undisguised view and hits are kept for it.
  let lastFolded: TextView | undefined;
  let lastView: TextView = { text: '', original: '', start: null, end: null };
  let lastHits: TermHit[] = [];
  const collect = (folded: TextView, keep: (text: string, hit: TermHit) => boolean): string[] => {
    if (folded !== lastFolded) {
      lastView = deobfuscate(folded);
      lastHits = matcher.match(lastView);
      lastFolded = folded;
    }
    const view = lastView;
    const found: string[] = [];
    for (const hit of lastHits) {
      if (!found.includes(hit.text) && keep(view.text, hit)) found.push(hit.text);
    }
    return found;
  };
  return {
    size: matcher.size,
    find: (folded) => collect(folded, () => true),
    aimed: (folded) => collect(folded, (text, hit) => insults[hit.term] === true || nextToYou(text, hit)),
  };
};
