import { describe, expect, it } from 'vitest';
import { continuesWord, isUnspacedScript } from '../../../src/engine/char-classes.js';
import { seededRandom } from '../../../src/engine/context.js';
import { foldText } from '../../../src/engine/fold-text.js';
import { TermMatcher } from '../../../src/engine/term-matcher.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import type { ConditionSpec } from '../../../src/playbook-spec/schema.js';

const random = seededRandom(2026);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const ACCENTS: Record<string, string[]> = {
  a: ['á', 'à', 'â', 'ä', 'ã', 'a\u0301'],
  e: ['é', 'è', 'ê', 'ë', 'e\u0301'],
  i: ['í', 'ì', 'î', 'ï'],
  o: ['ó', 'ò', 'ô', 'ö', 'õ'],
  u: ['ú', 'ù', 'û', 'ü'],
  c: ['ç'],
  n: ['ñ'],
  α: ['ά'],
  ε: ['έ'],
  η: ['ή'],
  ι: ['ί', 'ϊ', 'ΐ'],
  ο: ['ό'],
  υ: ['ύ', 'ϋ'],
  ω: ['ώ'],
};

/** Any case, accent and width variant a person might type. */
const variant = (term: string): string => {
  let out = '';
  const chars = [...term];
  chars.forEach((char, index) => {
    let next = char;
    if (ACCENTS[char] && random() < 0.4) next = pick(ACCENTS[char] as string[]);
    if (random() < 0.5) next = next.toUpperCase();
    if (/^[a-z]$/u.test(char) && random() < 0.1) next = String.fromCharCode(char.charCodeAt(0) - 0x61 + 0xff41);
    if (char === 'σ' && index === chars.length - 1 && random() < 0.5) next = 'ς';
    out += next;
  });
  return out;
};

const termsOf = (condition: ConditionSpec): string[] => {
  const keywords = condition.keywords;
  if (keywords === undefined) return [];
  return Array.isArray(keywords) ? keywords : Object.values(keywords).flat();
};

const defaultTerms = [...new Set(loadPlaybook().spec.rules.flatMap((rule) => termsOf(rule.when)))];

describe('normalization, property-style over every default playbook term', () => {
  const matcher = new TermMatcher();
  const ids = new Map(defaultTerms.map((term) => [term, matcher.add(term)]));
  const hits = (text: string, term: string) => matcher.match(foldText(text)).filter((hit) => hit.term === ids.get(term));

  it(`finds any case, accent or width variant of each of the ${defaultTerms.length} terms`, () => {
    for (let round = 0; round < 20; round += 1) {
      for (const term of defaultTerms) {
        const written = variant(term.replace(/\*$/u, ''));
        const found = hits(`so ${written}, ok`, term);
        expect(found.length, `"${term}" written as "${written}"`).toBeGreaterThan(0);
      }
    }
  });

  it('does not find a term glued inside a longer word', () => {
    for (const term of defaultTerms) {
      const bare = term.replace(/\*$/u, '');
      const first = bare.codePointAt(0) ?? 0;
      if (!continuesWord(first) || isUnspacedScript(bare[0] ?? '')) continue;
      const letter = /\p{Script=Greek}/u.test(bare) ? 'κ' : /\p{Script=Georgian}/u.test(bare) ? 'ლ' : 'x';
      expect(hits(`so ${letter}${variant(bare)} ok`, term), `"${term}" after "${letter}"`).toEqual([]);
      if (!term.endsWith('*')) expect(hits(`so ${variant(bare)}${letter} ok`, term), `"${term}" before "${letter}"`).toEqual([]);
    }
  });
});
