import { describe, expect, it } from 'vitest';
import { answerPress } from '../../../src/command-center/answer-press.js';
import type { ChatWording } from '../../../src/command-center/explain-press.js';
import { pressedBy } from '../../support/presser.js';
import { fakeCenter, sampleCard } from './fake-center.js';

const wording: ChatWording = { mention: (actor) => `@${actor}`, formatDate: (at) => at.toISOString() };
const ALICE = pressedBy('slack:U0ALICE01');

describe('answering a button press', () => {
  it('tells the person a button it cannot read is from an older version', async () => {
    const { center, presses } = fakeCenter();
    expect(await answerPress(center, ALICE, undefined, wording)).toEqual({
      show: 'words',
      text: 'This button belongs to an older version of Switchboard; the card will refresh.',
    });
    expect(presses).toEqual([]);
  });

  it('opens the edit form for Edit instead of pressing', async () => {
    const { center, presses } = fakeCenter({ cards: [sampleCard('card-1')] });
    expect(await answerPress(center, ALICE, { button: 'edit', cardId: 'card-1', version: 3 }, wording)).toEqual({
      show: 'edit-form',
      card: sampleCard('card-1'),
    });
    expect(presses).toEqual([]);
  });

  it('presses any other button as the person, and shows nothing when it went through', async () => {
    const { center, presses } = fakeCenter();
    expect(await answerPress(center, ALICE, { button: 'approve', cardId: 'card-1', version: 3 }, wording)).toEqual({ show: 'nothing' });
    expect(presses).toEqual([{ ...ALICE, button: 'approve', cardId: 'card-1', version: 3 }]);
  });

  it('explains a press that came too late', async () => {
    const at = new Date('2026-03-02T09:15:00Z');
    const { center } = fakeCenter({ result: { outcome: 'too_late', by: 'slack:U0BOB0001', what: 'hide', at } });
    expect(await answerPress(center, ALICE, { button: 'hide', cardId: 'card-1', version: 3 }, wording)).toEqual({
      show: 'words',
      text: 'Nothing was done: @slack:U0BOB0001 already hid the comment (2026-03-02T09:15:00.000Z).',
    });
  });
});
