import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import { cardReasons } from '../../../src/pipeline/outcome-plan.js';

describe('a card’s reasons', () => {
  it('name each rule the engine merged into a handoff, so a post-scope handoff behind another rule still makes a storm card', () => {
    const merged: Decision = {
      kind: 'handoff',
      rule: 'handoff-negative',
      matched: ['awful'],
      priority: 'normal',
      detail: { reason: 'negative sentiment', alsoRules: ['post-volume'] },
    };
    expect(cardReasons(merged)).toEqual([
      { rule: 'handoff-negative', kind: 'handoff', matched: ['awful'] },
      { rule: 'post-volume', kind: 'handoff', matched: [] },
    ]);
  });

  it('are the decision’s own rule alone when nothing was merged into it', () => {
    expect(cardReasons({ kind: 'draft', rule: 'price', matched: ['price'] })).toEqual([
      { rule: 'price', kind: 'draft', matched: ['price'] },
    ]);
  });
});
