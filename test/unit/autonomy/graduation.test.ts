import { describe, expect, it } from 'vitest';
import { compileGraduation, DEFAULT_BAR } from '../../../src/autonomy/graduation-bar.js';
import { describePeriod, type GraduationEvidence, judgeGraduation } from '../../../src/autonomy/graduation.js';
import { playbookSchema } from '../../../src/playbook-spec/schema.js';
import { parsePlaybook } from '../../../src/playbook/index.js';

const evidence = (over: Partial<GraduationEvidence>): GraduationEvidence => ({
  level: 'draft',
  period: 'in 30 days',
  drafts: 0,
  approved: 0,
  vetoSent: 0,
  vetoed: 0,
  automatic: 0,
  undone: 0,
  recent: [],
  ...over,
});

describe('judgeGraduation', () => {
  it('suggests veto for a rule at draft with 60 of 60 drafts approved unchanged, with those figures', () => {
    expect(judgeGraduation(evidence({ drafts: 60, approved: 60 }), DEFAULT_BAR)).toEqual({
      verdict: 'promote',
      from: 'draft',
      to: 'veto',
      figures: '60 drafts in 30 days, 60 approved unchanged (100 %)',
    });
  });

  it('holds below the number of drafts or below the share approved unchanged', () => {
    expect(judgeGraduation(evidence({ drafts: 49, approved: 49 }), DEFAULT_BAR).verdict).toBe('hold');
    expect(judgeGraduation(evidence({ drafts: 60, approved: 56 }), DEFAULT_BAR).verdict).toBe('hold');
    expect(judgeGraduation(evidence({ drafts: 60, approved: 57 }), DEFAULT_BAR).verdict).toBe('promote');
  });

  it('suggests auto for a rule at veto on its held replies, not on its old drafts', () => {
    expect(judgeGraduation(evidence({ level: 'veto', drafts: 500, approved: 500, vetoSent: 10 }), DEFAULT_BAR).verdict).toBe('hold');
    expect(judgeGraduation(evidence({ level: 'veto', vetoSent: 50, vetoed: 1, recent: [true] }), DEFAULT_BAR)).toEqual({
      verdict: 'promote',
      from: 'veto',
      to: 'auto',
      figures: '51 replies held at veto in 30 days, 50 sent without Stop (98 %)',
    });
  });

  it('never promotes past auto', () => {
    expect(judgeGraduation(evidence({ level: 'auto', automatic: 500, drafts: 500, approved: 500 }), DEFAULT_BAR).verdict).toBe('hold');
  });

  it('demotes a rule at auto after three undos in a row, with the figures', () => {
    expect(judgeGraduation(evidence({ level: 'auto', automatic: 3, undone: 3, recent: [true, true, true] }), DEFAULT_BAR)).toEqual({
      verdict: 'demote',
      from: 'auto',
      to: 'draft',
      figures: '3 of its last 3 automatic actions were undone (3 undone of 3 in 30 days)',
    });
  });

  it('demotes at veto on stops, and counts only the last outcomes the bar looks at', () => {
    const stopped = judgeGraduation(evidence({ level: 'veto', vetoSent: 7, vetoed: 3, recent: [true, false, true, true] }), DEFAULT_BAR);
    expect(stopped).toMatchObject({
      verdict: 'demote',
      from: 'veto',
      figures: expect.stringContaining('3 of its last 4 held replies were stopped'),
    });
    const old = [false, false, false, false, false, false, false, false, false, false, true, true, true];
    expect(judgeGraduation(evidence({ level: 'auto', automatic: 13, undone: 3, recent: old }), DEFAULT_BAR).verdict).toBe('hold');
    expect(judgeGraduation(evidence({ level: 'auto', automatic: 3, undone: 2, recent: [true, true, false] }), DEFAULT_BAR).verdict).toBe(
      'hold',
    );
  });

  it('demotes before it would promote, and a rule at draft is never demoted', () => {
    const both = evidence({ level: 'veto', vetoSent: 60, vetoed: 3, recent: [true, true, true] });
    expect(judgeGraduation(both, DEFAULT_BAR).verdict).toBe('demote');
    expect(judgeGraduation(evidence({ level: 'draft', recent: [true, true, true] }), DEFAULT_BAR).verdict).toBe('hold');
  });

  it('never suggests for a rule with graduation: false, but still demotes it', () => {
    const off = { ...DEFAULT_BAR, suggests: false };
    expect(judgeGraduation(evidence({ drafts: 60, approved: 60 }), off).verdict).toBe('hold');
    expect(judgeGraduation(evidence({ level: 'auto', recent: [true, true, true] }), off).verdict).toBe('demote');
  });
});

describe('describePeriod', () => {
  it('is the window, or the day the rule’s level changed within it', () => {
    expect(describePeriod(30 * 86_400_000, undefined)).toBe('in 30 days');
    expect(describePeriod(30 * 86_400_000, new Date('2026-11-12T23:30:00Z'))).toBe('since 12 Nov');
  });
});

describe('compileGraduation', () => {
  it('takes the defaults, then the playbook’s graduation:, then the rule’s own', () => {
    const policy = compileGraduation(
      parsePlaybook(
        `version: 1
graduation: { window: 14d, min_drafts: 20, not_now: 1d }
rules:
  - { id: a, when: {}, then: [{ tag: x }] }
  - { id: b, when: {}, then: [{ tag: x }], graduation: { min_unchanged: 80, demote_after: { bad: 2, of_last: 5 } } }
  - { id: c, when: {}, then: [{ tag: x }], graduation: false }
`,
        'g.yaml',
      ).spec,
    );
    expect(policy.notNowMs).toBe(86_400_000);
    expect(policy.bars.get('a')).toEqual({ ...DEFAULT_BAR, windowMs: 14 * 86_400_000, minDrafts: 20 });
    expect(policy.bars.get('b')).toEqual({
      ...DEFAULT_BAR,
      windowMs: 14 * 86_400_000,
      minDrafts: 20,
      minUnchanged: 0.8,
      demoteAfter: { bad: 2, ofLast: 5 },
    });
    expect(policy.bars.get('c')?.suggests).toBe(false);
  });

  it('refuses a bar it cannot use, in words', () => {
    const parsed = playbookSchema.safeParse({ version: 1, rules: [], graduation: { min_unchanged: 120 } });
    expect(parsed.success).toBe(false);
  });
});
