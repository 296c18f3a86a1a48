import { describe, expect, it } from 'vitest';
import { levelIn, moveOf } from '../../../src/domain/level-change.js';
import { NO_COUNTS, type RuleRecord } from '../../../src/kpi/autonomy-figures.js';
import { hoursSaved, levelMoves, ruleRates, untouchedCount } from '../../../src/kpi/autonomy-rates.js';

const record = (extra: Partial<RuleRecord>): RuleRecord => ({ rule: 'r', level: 'draft', ...NO_COUNTS, ...extra });

describe('autonomy rates', () => {
  it('counts a rule’s volume at every level, and each rate over its own whole; nothing to divide is null', () => {
    expect(
      ruleRates(record({ approved: 57, edited: 2, rejected: 1, vetoHeld: 40, vetoSent: 38, vetoStopped: 2, automatic: 212, undone: 2 })),
    ).toEqual({
      volume: 60 + 40 + 212,
      approval: 57 / 60,
      veto: 2 / 40,
      undo: 2 / 212,
    });
    expect(ruleRates(record({}))).toEqual({ volume: 0, approval: null, veto: null, undo: null });
  });

  it('saves the median approval time for each veto sent untouched and each automatic action kept', () => {
    const records = [record({ vetoSent: 38, vetoStopped: 2, vetoHeld: 40 }), record({ automatic: 212, undone: 2 })];
    expect(untouchedCount(records)).toBe(38 + 210);
    // 248 × 6 min = 1,488 min = 24.8 h.
    expect(hoursSaved(records, 6 * 60_000)).toBeCloseTo(24.8, 10);
    expect(hoursSaved(records, null)).toBeNull();
    expect(hoursSaved([], 60_000)).toBe(0);
  });

  it('reads levels as the audit records them and tells promotions from demotions', () => {
    expect(levelIn('auto')).toBe('auto');
    expect(levelIn({ level: 'veto', platforms: { instagram: 'draft' } })).toBe('veto');
    expect(levelIn(null)).toBe('draft');
    expect(levelIn({ nonsense: true })).toBeUndefined();
    expect(moveOf('draft', 'veto')).toBe('promotion');
    expect(moveOf('auto', 'draft')).toBe('demotion');
    expect(moveOf('veto', 'veto')).toBeUndefined();

    const at = new Date('2025-06-10T09:00:00Z');
    const change = { rule: 'r', actor: 'system', at, why: undefined };
    expect(
      levelMoves([
        { ...change, was: 'draft', now: 'veto' },
        { ...change, was: 'veto', now: 'veto' },
        { ...change, was: 'auto', now: 'draft' },
      ]).map((line) => line.move),
    ).toEqual(['promotion', 'demotion']);
  });
});
