import { describe, expect, it } from 'vitest';
import { withFields } from '../../../src/engine/with-fields.js';

describe('withFields', () => {
  it('is a spread: the same keys in the same order, a key already there keeping its place', () => {
    const decision = { kind: 'auto_reply', rule: 'r', matched: [], detail: { phrasing: 'p' } };
    const spread = { ...decision, kind: 'draft', extra: 1 };
    const assigned = withFields(decision, { kind: 'draft', extra: 1 });
    expect(JSON.stringify(assigned)).toBe(JSON.stringify(spread));
    expect(decision.kind).toBe('auto_reply');
    expect(withFields(undefined, { why: 'w' })).toEqual({ why: 'w' });
  });
});
