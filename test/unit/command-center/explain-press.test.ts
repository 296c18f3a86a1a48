import { describe, expect, it } from 'vitest';
import { explainPress, pressFailedWords, type ChatWording } from '../../../src/command-center/explain-press.js';

// Each chat brings its own syntax; these marks show where the chat's parts go.
const wording: ChatWording = {
  mention: (actor) => `@[${actor}]`,
  formatDate: (at) => `[${at.toISOString()}]`,
};

describe('explainPress', () => {
  it('says nothing about a press that went through: the card update says it', () => {
    expect(
      explainPress({ outcome: 'accepted', cardId: 'c1', actionId: 'a1', escalationIds: [], note: 'reply sent' }, wording),
    ).toBeUndefined();
  });

  it('gives the reason for a refusal', () => {
    expect(explainPress({ outcome: 'refused', reason: 'This card was never escalated.' }, wording)).toBe(
      'Nothing was done: This card was never escalated.',
    );
  });

  it('names who was first, what they did and when, in the chat’s own syntax', () => {
    const at = new Date('2026-03-02T09:15:00Z');
    expect(explainPress({ outcome: 'too_late', by: 'slack:U0ALICE01', what: 'approve', at }, wording)).toBe(
      'Nothing was done: @[slack:U0ALICE01] already approved and sent the reply ([2026-03-02T09:15:00.000Z]).',
    );
    expect(explainPress({ outcome: 'too_late', by: 'rule:spam', what: 'some_new_button', at }, wording)).toBe(
      'Nothing was done: @[rule:spam] already some new button ([2026-03-02T09:15:00.000Z]).',
    );
  });

  it('turns a failure on our side into words that invite another try', () => {
    expect(pressFailedWords(new Error('connect ECONNREFUSED'))).toBe(
      'Something went wrong and nothing was done: connect ECONNREFUSED. Try again in a moment.',
    );
  });
});
