import { deobfuscate, deobfuscateTerm } from './deobfuscate.js';
import type { TextView } from './fold-text.js';
import { PROFANITY } from './profanity-lists.js';
import { TermMatcher, parseTerm } from './term-matcher.js';

export interface ProfanityOptions {
  /** Built-in lists to use; every built-in language when absent. */
  languages?: readonly string[];
  add?: readonly string[];
  allow?: readonly string[];
}

export interface ProfanityFilter {
  /** The offending words as they appeared in the message. */
  find(folded: TextView): string[];
  readonly size: number;
}

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
  const terms = [...languages.flatMap((language) => PROFANITY[language] ?? []), ...(options.add ?? [])];
  for (const term of terms) {
    if (allowed.has(parseTerm(term, deobfuscateTerm).pattern)) continue;
    matcher.add(term);
    for (const variant of maskedVariants(deobfuscateTerm(term.replace(/\*$/u, '')) + (term.endsWith('*') ? '*' : ''))) {
      matcher.add(variant);
    }
  }
  return {
    size: matcher.size,
    find(folded) {
      const found: string[] = [];
      for (const hit of matcher.match(deobfuscate(folded))) {
        if (!found.includes(hit.text)) found.push(hit.text);
      }
      return found;
    },
  };
};
