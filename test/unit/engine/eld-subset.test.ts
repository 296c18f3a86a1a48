import { eld } from 'eld/extrasmall';
import { describe, expect, it } from 'vitest';
import { compileSubset, detectInSubset, spaceSeparators } from '../../../src/engine/eld-subset.js';
import { readEldNgrams } from '../../../src/playbook/eld-ngrams.js';
import { exampleTexts } from './support.js';

// Words at and past eld's edges: 70 bytes, the 350/380-byte cuts, surrogate pairs, no letters.
const EDGES = [
  '',
  '   ',
  'a',
  'ab',
  'abc',
  'abcd',
  'abcde',
  '😍😍',
  '🙃 amazing customer service guys, really',
  'x'.repeat(75),
  `${'supercalifragilistic'.repeat(5)} end`,
  'word '.repeat(120),
  'ñandú '.repeat(80),
  'Ünïcödé ẞtraße ﬁne — “quoted” l’été don’t',
  '中文评论 非常好 谢谢',
  'Привет, как дела? Всё хорошо',
  'مرحبا كيف حالك',
  'Πότε έρχεται η νέα συλλογή;',
  'თბილისში გაქვთ მაღაზია?',
  'kidsmediausa . com watch?v=abc123 bit ly',
  "it's 2 late 4 that, ok? 100% sure!!!",
];

const SUBSETS: readonly (readonly string[])[] = [
  ['en', 'es', 'de', 'fr', 'pt', 'it', 'el', 'ka'],
  ['en'],
  ['fr', 'en'],
  ['nl', 'sv', 'da', 'no'],
  ['xx'],
  [],
];

describe('eld on a language subset, from a compiled table', () => {
  const texts = [
    ...EDGES,
    ...exampleTexts('inbox.jsonl'),
    ...exampleTexts('comments.labelled.jsonl'),
    // The inbox texts with a token appended, as the replay benchmark generates them.
    ...exampleTexts('inbox.jsonl').map((text, index) => `${text} ${(index * 7919).toString(36)}`),
  ];

  it.each(SUBSETS.map((languages) => [languages.join(',') || '(all)', languages] as const))(
    'answers as eld.detect with setLanguageSubset(%s) does',
    (_name, languages) => {
      const reference = eld.newInstance();
      if (languages.length > 0) reference.setLanguageSubset([...languages]);
      const model = compileSubset(languages, readEldNgrams());
      const mismatches = texts.filter((text) => detectInSubset(model, text) !== reference.detect(text).language);
      expect(mismatches).toEqual([]);
    },
  );

  it('keeps only the subset languages, in eld order', () => {
    expect(compileSubset(['pt', 'en', 'de'], readEldNgrams()).codes).toEqual(['de', 'en', 'pt']);
    expect(compileSubset([], readEldNgrams()).codes).toHaveLength(60);
  });
});

// eld's own first step, its regex taken from its package as the engine takes it.
const { separators } = (await import(new URL('../regexPatterns.js', import.meta.resolve('eld/extrasmall')).href)) as { separators: RegExp };

describe('spaceSeparators', () => {
  it('replaces separators as eld’s regex does, apostrophes and surrogate pairs included', () => {
    const pieces = ["'", '`', '’', ' ', 'a', 'é', 'Σ', 'ნ', '中', '😀', '-', '.', '1', '\u0301', "''", 'ʼ', '\ud800'];
    let seed = 7;
    const next = (below: number): number => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed % below;
    };
    const texts = [...EDGES, "don't ’tis rock'n'roll '' ``x"];
    for (let i = 0; i < 5_000; i += 1) {
      let text = '';
      for (let k = next(10); k > 0; k -= 1) text += pieces[next(pieces.length)];
      texts.push(text);
    }
    for (const text of texts) expect(spaceSeparators(text)).toBe(text.replace(separators, ' '));
  });
});
