import { readFileSync } from 'node:fs';
import { defaultPlaybookPath } from '../../src/playbook/package-root.js';
import { counter } from './corpus.js';

const SYLLABLES = {
  latin: ['ka', 'lo', 'mi', 'ren', 'tor', 'vi', 'sa', 'bel', 'dun', 'gre', 'fas', 'pol', 'que', 'zi', 'nor', 'hem'],
  greek: ['κα', 'λο', 'μι', 'ρεν', 'τορ', 'βι', 'σα', 'πελ', 'ντυ', 'γρε', 'φασ', 'πολ'],
  georgian: ['კა', 'ლო', 'მი', 'რენ', 'ტორ', 'ვი', 'სა', 'ბელ', 'დუნ', 'გრე'],
};

/** A made-up word of three to five syllables in one of three scripts. */
export const fakeWord = (next: (below: number) => number): string => {
  const scripts = Object.values(SYLLABLES);
  const syllables = scripts[next(scripts.length)] as string[];
  let word = '';
  const length = 3 + next(3);
  for (let i = 0; i < length; i += 1) word += syllables[next(syllables.length)];
  return word;
};

/**
 * The default playbook plus `count` generated keywords spread over 50 extra rules (some
 * phrases, some with a trailing *), placed before the routine auto-replies.
 */
export const keywordPlaybookYaml = (count: number): { yaml: string; words: string[] } => {
  const next = counter(5000);
  const words = new Set<string>();
  while (words.size < count) {
    const word = fakeWord(next);
    words.add(next(10) === 0 ? `${word} ${fakeWord(next)}` : next(10) === 1 ? `${word}*` : word);
  }
  const list = [...words];
  const rules: string[] = [];
  const perRule = Math.ceil(count / 50);
  for (let rule = 0; rule < 50; rule += 1) {
    const terms = list.slice(rule * perRule, (rule + 1) * perRule).map((term) => JSON.stringify(term));
    if (terms.length === 0) break;
    rules.push(`  - id: generated-${rule}\n    when:\n      keywords: [${terms.join(', ')}]\n    then:\n      - tag: topic-${rule}\n`);
  }
  const base = readFileSync(defaultPlaybookPath(), 'utf8');
  const marker = '  # ── Routine questions';
  const at = base.indexOf(marker);
  if (at < 0) throw new Error('default playbook layout changed: no routine questions section');
  return { yaml: `${base.slice(0, at)}${rules.join('\n')}\n${base.slice(at)}`, words: list.map((word) => word.replace(/\*$/u, '')) };
};
