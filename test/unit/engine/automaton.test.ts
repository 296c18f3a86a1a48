import { describe, expect, it } from 'vitest';
import { Automaton } from '../../../src/engine/automaton.js';

const PATTERNS = ['he', 'she', 'his', 'hers', 'ushers', 'a', 'aa', 'aaa', 'ab', 'bab', 'ΓΑΜ', 'ΑΜΩ', '🧡', 'ნ', 'ნდ'];
const TEXTS = ['ushers', 'ahishers', 'aaaa', 'babab', 'xΓΑΜΩy', '🧡🧡 აბნდ', '', 'no match at all', 'shehershis aab'];

const scanAll = (automaton: Automaton, text: string): [number, number, number][] => {
  const found: [number, number, number][] = [];
  automaton.scan(text, (pattern, start, end) => found.push([pattern, start, end]));
  return found;
};

const build = (denseCells?: number): Automaton => {
  const automaton = new Automaton(denseCells);
  for (const pattern of PATTERNS) automaton.add(pattern);
  return automaton;
};

describe('Automaton', () => {
  it('finds every occurrence, overlaps included', () => {
    const automaton = build();
    const words = (text: string) => scanAll(automaton, text).map(([pattern, start, end]) => `${PATTERNS[pattern]}@${start}-${end}`);
    expect(words('ushers')).toEqual(['she@1-4', 'he@2-4', 'ushers@0-6', 'hers@2-6']);
    expect(words('aaa')).toEqual(['a@0-1', 'aa@0-2', 'a@1-2', 'aaa@0-3', 'aa@1-3', 'a@2-3']);
  });

  it('the full table and the sparse form (a playbook with too large an alphabet) find the same matches in the same order', () => {
    const dense = build();
    const sparse = build(0);
    for (const text of TEXTS) expect(scanAll(dense, text)).toEqual(scanAll(sparse, text));
  });
});
