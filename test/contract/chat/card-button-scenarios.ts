import { expect, it } from 'vitest';
import type { ChatDriver } from './chat-driver.js';
import { cardWhen, newCard, newPrivateReplies, noteOn, settled, visibilityCalls } from './contract-helpers.js';

/** The buttons that act on a card, each pressed once by a person allowed to press everything. */
export const cardButtonScenarios = (use: () => ChatDriver): void => {
  it('Approve & send: exactly one reply reaches the platform, the card says who sent it and its thread says so', async () => {
    const driver = use();
    const { customer, card } = await newCard(driver);
    const shown = await driver.card(card);
    expect(shown.buttons).toContain('approve');
    expect(shown.draft).toBeTruthy();

    await driver.press(card, 'approve', 'alice');
    const done = await cardWhen(
      driver,
      card,
      'the card to show the sent reply',
      (view) => view.buttons.length > 0 && !view.buttons.includes('approve') && view.history.some((line) => line.includes('@alice')),
    );
    expect(done.history.find((line) => line.includes('@alice'))).toMatch(/sent the reply/u);
    await noteOn(driver, card, /@alice .*approved/u);
    await noteOn(driver, card, /reply sent/u);
    await settled(driver);
    const replies = driver.world.graph.repliesTo(customer.commentId);
    expect(replies.map((reply) => reply.message)).toEqual([shown.draft]);
  });

  it('Claim: the conversation is yours, the card drops Claim and its thread says who claimed it', async () => {
    const driver = use();
    const { card } = await newCard(driver);
    await driver.press(card, 'claim', 'alice');
    await cardWhen(driver, card, 'no Claim button', (view) => view.buttons.length > 0 && !view.buttons.includes('claim'));
    await noteOn(driver, card, /@alice claimed/u);
  });

  it('Hide then Unhide: the platform sees the comment hidden, then visible again, once each', async () => {
    const driver = use();
    const { customer, card } = await newCard(driver);
    await driver.press(card, 'hide', 'alice');
    await cardWhen(driver, card, 'an Unhide button', (view) => view.buttons.includes('unhide') && !view.buttons.includes('hide'));
    expect(driver.world.graph.comments.get(customer.commentId)?.isHidden).toBe(true);

    await driver.press(card, 'unhide', 'bob');
    await cardWhen(driver, card, 'a Hide button again', (view) => view.buttons.includes('hide') && !view.buttons.includes('unhide'));
    expect(driver.world.graph.comments.get(customer.commentId)?.isHidden).toBe(false);
    await noteOn(driver, card, /comment visible again/u);
    await settled(driver);
    expect(visibilityCalls(driver, customer.commentId)).toEqual(['true', 'false']);
  });

  it('Block: asks for confirmation naming the author, then blocks them once', async () => {
    const driver = use();
    const { customer, card } = await newCard(driver);
    expect((await driver.card(card)).confirmations.block).toContain(customer.name);

    await driver.press(card, 'block', 'alice');
    await cardWhen(driver, card, 'the card to show who blocked the author', (view) =>
      view.history.some((line) => line.includes('@alice') && /blocked the author/u.test(line)),
    );
    await noteOn(driver, card, /author blocked/u);
    await settled(driver);
    expect(driver.world.graph.blocked.filter((entry) => entry.userId === customer.authorId)).toHaveLength(1);
  });

  it('Tag lead, then Mark booked, then Mark converted: each step leaves the buttons that still apply', async () => {
    const driver = use();
    const { card } = await newCard(driver);
    await driver.press(card, 'tag_lead', 'alice');
    const lead = await cardWhen(
      driver,
      card,
      'the lead buttons',
      (view) => !view.buttons.includes('tag_lead') && view.buttons.includes('booked'),
    );
    expect(lead.buttons).toContain('converted');
    await noteOn(driver, card, /@alice tagged the author as a lead/u);

    await driver.press(card, 'booked', 'alice');
    const booked = await cardWhen(
      driver,
      card,
      'no Mark booked button',
      (view) => view.buttons.length > 0 && !view.buttons.includes('booked'),
    );
    expect(booked.buttons).toContain('converted');
    await noteOn(driver, card, /@alice marked this lead as booked/u);

    await driver.press(card, 'converted', 'bob');
    await cardWhen(driver, card, 'no funnel buttons', (view) => view.buttons.length > 0 && !view.buttons.includes('converted'));
    await noteOn(driver, card, /@bob marked this lead as converted/u);
  });

  it('Resolve: buttons that no longer apply disappear, and a press on the old card is told who resolved it', async () => {
    const driver = use();
    const { customer, card } = await newCard(driver);
    const before = await driver.card(card);
    expect(before.buttons).toEqual(expect.arrayContaining(['approve', 'claim', 'resolve']));

    await driver.press(card, 'resolve', 'alice');
    await cardWhen(driver, card, 'no buttons left', (view) => view.buttons.length === 0);
    await noteOn(driver, card, /@alice resolved/u);

    const seen = (await driver.privateRepliesTo('bob')).length;
    await driver.press(before, 'approve', 'bob');
    const [told] = await newPrivateReplies(driver, 'bob', seen);
    expect(told).toMatch(/already/u);
    expect(told).toContain('@alice');
    await settled(driver);
    expect(driver.world.graph.repliesTo(customer.commentId)).toHaveLength(0);
    expect((await driver.card(card)).buttons).toEqual([]);
  });
};
