import { describe, expect, it } from 'vitest';
import type { CommandCenter } from '../../../src/command-center/command-center.js';
import { EMPTY_EDIT_WORDS, startEdit, submitEdit } from '../../../src/command-center/edit-flow.js';
import { memberOf, pressedBy } from '../../support/presser.js';
import { fakeCenter, sampleCard } from './fake-center.js';

const ALICE = memberOf('slack:U0ALICE01');
const PLACE = { channel: 'C0CARDS', messageId: '1700000000.000100' };
const editOn = (cardId: string) => ({ ...pressedBy(ALICE.actor, PLACE), cardId, version: 3, button: 'edit' as const });

describe('starting an edit', () => {
  it('opens the form with the card as it is now', async () => {
    const { center } = fakeCenter({ cards: [sampleCard('card-1')] });
    expect(await startEdit(center, editOn('card-1'))).toEqual({ card: sampleCard('card-1') });
  });

  it('refuses with the reason when the person may not edit, before loading the card', async () => {
    const { center } = fakeCenter({
      cards: [sampleCard('card-1')],
      mayPress: async (press) => ({ ok: false, reason: `your role (viewer) may not press ${press.button}; ask a lead or an admin.` }),
    });
    expect(await startEdit(center, editOn('card-1'))).toEqual({
      refusal: 'Nothing was done: your role (viewer) may not press edit; ask a lead or an admin.',
    });
  });

  it('says so when the card is gone', async () => {
    const { center } = fakeCenter();
    expect(await startEdit(center, editOn('card-404'))).toEqual({ refusal: 'This card no longer exists.' });
  });
});

describe('submitting an edit', () => {
  const acknowledgements = () => {
    const log: string[] = [];
    return { log, acknowledge: async () => void log.push('ack') };
  };

  it('sends a form it cannot read back with words, unacknowledged and unpressed', async () => {
    const { center, presses } = fakeCenter();
    const { log, acknowledge } = acknowledgements();
    expect(await submitEdit(center, ALICE, undefined, acknowledge)).toEqual({ problem: EMPTY_EDIT_WORDS });
    expect(log).toEqual([]);
    expect(presses).toEqual([]);
  });

  it('refuses an empty or blank reply', async () => {
    const { center, presses } = fakeCenter();
    const { acknowledge } = acknowledgements();
    for (const text of ['', '   \n ']) {
      expect(await submitEdit(center, ALICE, { cardId: 'card-1', version: 3, text, ...PLACE }, acknowledge)).toEqual({
        problem: 'Write the reply to send, or cancel.',
      });
    }
    expect(presses).toEqual([]);
  });

  it('acknowledges first, then presses Edit with the text', async () => {
    const { center, presses } = fakeCenter();
    const order: string[] = [];
    const tracked: CommandCenter = {
      ...center,
      press: async (press) => {
        order.push('press');
        return center.press(press);
      },
    };
    const outcome = await submitEdit(tracked, ALICE, { cardId: 'card-1', version: 3, text: 'Edited reply', ...PLACE }, async () => {
      order.push('ack');
    });
    expect(order).toEqual(['ack', 'press']);
    expect(presses).toEqual([{ ...ALICE, ...PLACE, cardId: 'card-1', version: 3, button: 'edit', text: 'Edited reply' }]);
    expect(outcome).toMatchObject({ result: { outcome: 'accepted', cardId: 'card-1' } });
  });
});
