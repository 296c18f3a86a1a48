import { expect, it } from 'vitest';
import { eventually } from '../../support/app-harness.js';
import type { ChatDriver } from './chat-driver.js';
import { cardWhen, newCard, noteOn, settled } from './contract-helpers.js';

const EDITED = 'So sorry — we are refunding you today, & the shipping too <3';

/** Edit: a form prefilled with the draft; what is submitted is what is sent. */
export const editScenarios = (use: () => ChatDriver): void => {
  it('Edit opens a form prefilled with the draft; the edited text is sent, exactly as written, once', async () => {
    const driver = use();
    const { customer, card } = await newCard(driver);
    const shown = await driver.card(card);
    await driver.press(card, 'edit', 'alice');
    const form = await driver.editForm(card, 'alice');
    expect(form.prefilled).toBe(shown.draft);

    expect(await driver.submitEdit(card, EDITED, 'alice')).toEqual({ outcome: 'accepted' });
    await eventually(async () => driver.world.graph.repliesTo(customer.commentId).length > 0, 'the edited reply');
    await cardWhen(driver, card, 'the card to leave Edit', (view) => view.buttons.length > 0 && !view.buttons.includes('edit'));
    await noteOn(driver, card, /@alice edited/u);
    await settled(driver);
    expect(driver.world.graph.repliesTo(customer.commentId).map((reply) => reply.message)).toEqual([EDITED]);
  });

  it('an empty edit is refused with words, and nothing is sent', async () => {
    const driver = use();
    const { customer, card } = await newCard(driver);
    await driver.press(card, 'edit', 'bob');
    await driver.editForm(card, 'bob');
    const outcome = await driver.submitEdit(card, '   ', 'bob');
    expect(outcome.outcome).toBe('refused');
    expect(outcome.outcome === 'refused' && outcome.words).toMatch(/write the reply/iu);
    await settled(driver);
    expect(driver.world.graph.repliesTo(customer.commentId)).toHaveLength(0);
    expect((await driver.card(card)).buttons).toEqual(expect.arrayContaining(['approve', 'edit']));
  });
};
