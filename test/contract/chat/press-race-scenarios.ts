import { expect, it } from 'vitest';
import { eventually } from '../../support/app-harness.js';
import type { ChatDriver } from './chat-driver.js';
import { cardWhen, newCard, settled } from './contract-helpers.js';

/** Two people, one card, one moment: one press happens, the other person is told who was first. */
export const doublePressScenarios = (use: () => ChatDriver): void => {
  it('two people pressing Approve at the same moment send one reply; the second is told privately who was first', async () => {
    const driver = use();
    const { customer, card } = await newCard(driver);
    const seen = { alice: (await driver.privateRepliesTo('alice')).length, bob: (await driver.privateRepliesTo('bob')).length };
    const onScreen = await driver.card(card);

    await Promise.all([driver.press(onScreen, 'approve', 'alice'), driver.press(onScreen, 'approve', 'bob')]);
    const told = await eventually(async () => {
      const alice = (await driver.privateRepliesTo('alice')).slice(seen.alice);
      const bob = (await driver.privateRepliesTo('bob')).slice(seen.bob);
      return alice.length + bob.length > 0 ? { alice, bob } : undefined;
    }, 'the second presser to be told');
    await eventually(async () => driver.world.graph.repliesTo(customer.commentId).length > 0, 'the reply');
    await cardWhen(driver, card, 'the sent reply on the card', (view) => view.buttons.length > 0 && !view.buttons.includes('approve'));
    await settled(driver);

    expect(driver.world.graph.repliesTo(customer.commentId)).toHaveLength(1);
    const [loser, winner] = told.alice.length > 0 ? (['alice', 'bob'] as const) : (['bob', 'alice'] as const);
    expect(told[winner]).toEqual([]);
    expect(told[loser]).toHaveLength(1);
    expect(told[loser][0]).toMatch(/already/u);
    expect(told[loser][0]).toContain(`@${winner}`);
  });
};

/** With a `team` section, a press the person's role does not allow is refused, privately, and audited. */
export const refusalScenarios = (use: () => ChatDriver): void => {
  it('a press the role does not allow is refused privately with words; nothing happens on the platform; it is audited', async () => {
    const driver = use();
    const { customer, card } = await newCard(driver);
    const seen = (await driver.privateRepliesTo('bob')).length;
    await driver.press(card, 'block', 'bob');
    const told = await eventually(async () => (await driver.privateRepliesTo('bob')).slice(seen)[0], 'the refusal');
    expect(told).toMatch(/nothing was done/iu);
    expect(told).toMatch(/role \(agent\) may not press block/u);

    const audit = await driver.world.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('action', '=', 'refused:block')
      .where('actor', '=', driver.actorId('bob'))
      .execute();
    expect(audit).toHaveLength(1);
    await settled(driver);
    expect(driver.world.graph.blocked.filter((entry) => entry.userId === customer.authorId)).toEqual([]);
    expect((await driver.card(card)).buttons).toContain('block');
  });

  it('someone with no role is refused with words, and a person whose role allows it goes ahead', async () => {
    const driver = use();
    const { card } = await newCard(driver);
    const seen = (await driver.privateRepliesTo('carol')).length;
    await driver.press(card, 'claim', 'carol');
    const told = await eventually(async () => (await driver.privateRepliesTo('carol')).slice(seen)[0], 'the refusal');
    expect(told).toMatch(/no role/u);
    expect((await driver.card(card)).buttons).toContain('claim');

    await driver.press(card, 'claim', 'bob');
    await cardWhen(driver, card, 'the claim by the agent', (view) => view.buttons.length > 0 && !view.buttons.includes('claim'));
  });
};
