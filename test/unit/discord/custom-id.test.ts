import { describe, expect, it } from 'vitest';
import { buttonId, confirmBlockId, editFormId, parseComponentId } from '../../../adapters/chat/discord/custom-id.js';
import { CARD_BUTTONS } from '../../../src/domain/card.js';

const LONGEST_CARD = '9'.repeat(19);
const LONGEST_MESSAGE = '9'.repeat(20);

describe('Discord custom ids', () => {
  it('fit in 100 characters for every button, the longest ids and the highest versions, and read back', () => {
    for (const button of CARD_BUTTONS) {
      const id = buttonId(button, LONGEST_CARD, 999_999_999);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(parseComponentId(id)).toEqual({ kind: 'button', value: { button, cardId: LONGEST_CARD, version: 999_999_999 } });
    }
    const confirm = confirmBlockId(LONGEST_CARD, 999_999_999, LONGEST_MESSAGE);
    expect(confirm.length).toBeLessThanOrEqual(100);
    expect(parseComponentId(confirm)).toMatchObject({ kind: 'confirm-block', messageId: LONGEST_MESSAGE });
    const form = editFormId(LONGEST_CARD, 999_999_999, LONGEST_MESSAGE);
    expect(form.length).toBeLessThanOrEqual(100);
    expect(parseComponentId(form)).toEqual({ kind: 'edit-form', cardId: LONGEST_CARD, version: 999_999_999, messageId: LONGEST_MESSAGE });
  });

  it('refuses to make an id that would not fit or could be misread', () => {
    expect(() => buttonId('approve', 'x'.repeat(41), 1)).toThrow(/card id/u);
    expect(() => buttonId('approve', 'a:b', 1)).toThrow(/card id/u);
  });

  it('reads anything it did not make as undefined', () => {
    for (const forged of [
      'sb:nuke:1:1',
      'sb:approve:1',
      'sb:approve:1:x',
      'sb:approve:1:1:extra',
      'sbc:1:1',
      'other',
      'sb:approve:1:1'.padEnd(101, '1'),
    ]) {
      expect(parseComponentId(forged)).toBeUndefined();
    }
  });
});
