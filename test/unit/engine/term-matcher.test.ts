import { describe, expect, it } from 'vitest';
import { foldText } from '../../../src/engine/fold-text.js';
import { hitsFor, TermMatcher } from '../../../src/engine/term-matcher.js';

const find = (terms: string[], text: string): string[] => {
  const matcher = new TermMatcher();
  const ids = new Set(terms.map((term) => matcher.add(term)));
  return hitsFor(matcher.match(foldText(text)), ids);
};

describe('TermMatcher', () => {
  it('matches whole words only in space-separated scripts', () => {
    expect(find(['hate'], 'We stayed at a lovely chateau')).toEqual([]);
    expect(find(['hate'], 'whatever, I HATE it')).toEqual(['HATE']);
    expect(find(['ass'], 'first class assignment')).toEqual([]);
  });

  it('matches phrases across any run of spaces', () => {
    expect(find(['money back'], 'I want my MONEY   back!')).toEqual(['MONEY   back']);
  });

  it('treats a trailing * as any ending and reports the whole word', () => {
    expect(find(['refund*'], "I still haven't been refunded")).toEqual(['refunded']);
    expect(find(['refund*'], 'prerefund')).toEqual([]);
  });

  it('matches substrings in scripts written without spaces', () => {
    expect(find(['退款'], '我要退款谢谢')).toEqual(['退款']);
    expect(find(['คืนเงิน'], 'ขอคืนเงินด้วยครับ')).toEqual(['คืนเงิน']);
  });

  it('treats emoji as terms, even next to letters', () => {
    expect(find(['🧡'], 'love it🧡🧡')).toEqual(['🧡']);
    expect(find(['❤'], 'so good ❤️')).toEqual(['❤️']);
  });

  it('folds Greek accents, case and final sigma', () => {
    expect(find(['επιστροφη χρηματων'], 'Θέλω ΕΠΙΣΤΡΟΦΗ χρημάτων')).toEqual(['ΕΠΙΣΤΡΟΦΗ χρημάτων']);
    expect(find(['μηνυσ*'], 'Θα κάνω ΜΗΝΥΣΗ')).toEqual(['ΜΗΝΥΣΗ']);
    expect(find(['οδος'], 'ΟΔΟΣ')).toEqual(['ΟΔΟΣ']);
  });

  it('leaves out a hit inside a longer one', () => {
    expect(find(['sue', 'i will sue'], 'I will sue you')).toEqual(['I will sue']);
  });

  it('deduplicates identical terms into one pattern', () => {
    const matcher = new TermMatcher();
    expect(matcher.add('Refund')).toBe(matcher.add('refund'));
    expect(matcher.add('refund*')).not.toBe(matcher.add('refund'));
    expect(matcher.add('  ')).toBe(-1);
  });
});
