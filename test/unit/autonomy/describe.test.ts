import { describe, expect, it } from 'vitest';
import { describeEvidence, describeLevel } from '../../../src/cli/autonomy.js';

describe('switchboard autonomy wording', () => {
  it('names the level and where it differs', () => {
    const base = { rule: 'r', vetoAfterMs: 120_000, undoWindowMs: 600_000 };
    expect(describeLevel({ ...base, level: 'veto', platforms: { instagram: 'draft' }, languages: { de: 'draft' } })).toBe(
      'veto (instagram: draft, de: draft)',
    );
    expect(describeLevel({ ...base, level: 'draft', platforms: {}, languages: {} })).toBe('draft');
  });

  it('gives the drafts’ shares and the vetoes and undos', () => {
    const evidence = {
      rule: 'r',
      drafts: 60,
      decided: 60,
      approved: 57,
      edited: 2,
      rejected: 1,
      vetoHeld: 10,
      vetoed: 1,
      vetoSent: 9,
      automatic: 4,
      undone: 1,
    };
    expect(describeEvidence(evidence)).toBe(
      '60 drafts: 95% approved unchanged, 3% edited, 2% rejected; 10 at veto: 9 sent, 1 stopped; 4 automatic: 1 undone',
    );
    expect(describeEvidence(undefined)).toBe('no record yet');
  });
});
