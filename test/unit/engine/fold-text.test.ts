import { describe, expect, it } from 'vitest';
import { deobfuscate } from '../../../src/engine/deobfuscate.js';
import { foldTerm, foldText, originalSlice } from '../../../src/engine/fold-text.js';

describe('foldText', () => {
  it.each([
    ['ΕΠΙΣΤΡΟΦΗ', 'επιστροφη'],
    ['επιστροφή', 'επιστροφη'],
    ['ΟΔΟΣ οδός', 'οδοσ οδοσ'],
    ['Rückerstattung', 'ruckerstattung'],
    ['STRASSE Straße', 'strasse strasse'],
    ['ＲＥＦＵＮＤ', 'refund'],
    ['ﬁnal', 'final'],
    ['Café  au\n\tlait', 'cafe au lait'],
    ['İstanbul', 'istanbul'],
    ['ref\u00adund', 'refund'],
    ['e\u0301te\u0301', 'ete'],
    ['don’t', "don't"],
    ['❤️', '❤'],
    ['ᲒᲐᲛᲐᲠᲯᲝᲑᲐ', 'გამარჯობა'],
  ])('folds %s to %s', (input, expected) => {
    expect(foldText(input).text).toBe(expected);
  });

  it('maps folded ranges back to the original text', () => {
    const view = foldText('Θέλω ΕΠΙΣΤΡΟΦΗ χρημάτων');
    const at = view.text.indexOf('επιστροφη');
    expect(originalSlice(view, at, at + 'επιστροφη'.length)).toBe('ΕΠΙΣΤΡΟΦΗ');
  });

  it('keeps emoji and surrogate pairs intact', () => {
    const view = foldText('Love it 🧡🔥');
    expect(view.text).toBe('love it 🧡🔥');
    const at = view.text.indexOf('🔥');
    expect(originalSlice(view, at, at + 2)).toBe('🔥');
  });

  it('trims and folds playbook terms the same way', () => {
    expect(foldTerm('  Επιστροφή Χρημάτων ')).toBe('επιστροφη χρηματων');
  });

  it('folds and undisguises texts longer than one string-building call, unit for unit', () => {
    const long = `${'Ñandú Σ '.repeat(1200)}sh1t`;
    const view = foldText(long);
    expect(view.text).toBe(`${'nandu σ '.repeat(1200)}sh1t`);
    expect(originalSlice(view, view.text.length - 4, view.text.length)).toBe('sh1t');
    const undisguised = deobfuscate(view);
    expect(undisguised.text).toBe(`${'nandu σ '.repeat(1200)}shit`);
    expect(originalSlice(undisguised, undisguised.text.length - 4, undisguised.text.length)).toBe('sh1t');
  });
});
