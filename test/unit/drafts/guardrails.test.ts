import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../../src/drafts/guardrails.js';
import type { Guardrails } from '../../../src/engine/compiled.js';
import { compileProfanity } from '../../../src/engine/profanity.js';

const guardrails: Guardrails = {
  maxLength: 120,
  allowedLinks: ['example.com'],
  forbiddenPhrases: ['as an ai', 'guaranteed'],
  forbiddenPromises: { refund: ['refund*', 'money back', 'επιστροφη χρηματων'], discount: ['discount*', '% off'] },
  allowPromises: [],
  allowedCodes: [],
  allowedTags: [],
  profanity: compileProfanity(),
};

describe('checkDraft', () => {
  it('passes a good draft with an allowed link', () => {
    expect(checkDraft('Hi Maria! The size guide is at https://shop.example.com/sizes', guardrails)).toEqual([]);
  });
  it('catches length, links, phrases and promises in words for the card', () => {
    expect(checkDraft('x'.repeat(121), guardrails)).toEqual(['the draft is 121 characters, over the limit of 120']);
    expect(checkDraft('Buy at www.other.biz', guardrails)).toEqual(['it links to www.other.biz, which is not on the allow-list']);
    expect(checkDraft('As an AI, this is GUARANTEED', guardrails)).toHaveLength(2);
    expect(checkDraft('We will refund you in full', guardrails)).toEqual(['it promises a refund ("refund"), which only a person may do']);
    expect(checkDraft('Σου κάνουμε ΕΠΙΣΤΡΟΦΗ ΧΡΗΜΑΤΩΝ αμέσως', guardrails)[0]).toContain('refund');
    expect(checkDraft('Take 20% off today', guardrails)[0]).toContain('discount');
    expect(checkDraft('  ', guardrails)).toEqual(['the draft is empty']);
  });
});
