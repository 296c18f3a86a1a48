import { expect, it } from 'vitest';
import { PAGE_ID } from '../../fixtures/meta.js';
import { eventually } from '../../support/app-harness.js';
import type { ChatDriver } from './chat-driver.js';
import { cardWhen, customerComments, newPrivateReplies, settled } from './contract-helpers.js';

/** A post of its own, so the storm's 30-minute count is not the other scenarios' comments. */
const STORM_POST = `${PAGE_ID}_229900000000077`;
const ROUTINE = 'Terrible quality, awful, so disappointed';
const FOLDED = 4;

/** Placements of these customers' cards: folded into a storm card, released by Post as cards, posted. */
const placementsOf = (driver: ChatDriver, names: string[]) =>
  driver.world.db
    .selectFrom('card_placements as p')
    .innerJoin('cards as c', 'c.id', 'p.card_id')
    .innerJoin('messages as m', 'm.id', 'c.message_id')
    .innerJoin('contacts as a', 'a.id', 'm.contact_id')
    .select(['p.folded_into', 'p.unfolded_at', 'p.chat_message_id'])
    .where('a.name', 'in', names)
    .execute();

/** The author of the one card on a post, once it is opened. */
const cardAuthorOn = async (driver: ChatDriver, postId: string): Promise<string | undefined> =>
  (
    await driver.world.db
      .selectFrom('cards as c')
      .innerJoin('messages as m', 'm.id', 'c.message_id')
      .innerJoin('contacts as a', 'a.id', 'm.contact_id')
      .select('a.name')
      .where('m.post_id', '=', postId)
      .executeTakeFirst()
  )?.name ?? undefined;

/** A comment storm on one post: its storm card gathers the routine handoffs; what must ping still posts; Post as cards. */
export const stormScenarios = (use: () => ChatDriver): void => {
  it('Comment storm: routine handoffs fold into the storm card, an escalation on the post is posted on its own, Post as cards posts the folded ones once', async () => {
    const driver = use();
    for (let n = 1; n <= 6; n += 1) await customerComments(driver, `Lovely photo, number ${n}`, STORM_POST);
    // Whichever comment is stored sixth (they are decided in parallel) raises the storm card.
    const storm = await driver.cardFor(await eventually(() => cardAuthorOn(driver, STORM_POST), 'the storm card'));

    const routine = [];
    for (let n = 0; n < FOLDED; n += 1) routine.push(await customerComments(driver, `${ROUTINE} (${n})`, STORM_POST));
    const names = routine.map((customer) => customer.name);
    const shown = await cardWhen(
      driver,
      storm,
      `${FOLDED} handoffs folded into the storm card, listed in its thread`,
      (view) =>
        view.storm.some((line) => line.includes(`${FOLDED} handoffs on this post folded into this card`)) &&
        view.notes.flatMap((note) => note.split('\n')).filter((line) => line.startsWith('• #')).length === FOLDED,
    );
    expect(shown.storm.join('\n')).toContain(`handoff-negative ×${FOLDED}`);
    expect(shown.buttons).toContain('unfold');
    expect(
      (await placementsOf(driver, names)).every((placement) => placement.folded_into !== null && placement.chat_message_id === null),
    ).toBe(true);

    // A legal threat on the same post escalates: never folded, a founder must be pinged.
    const threat = await customerComments(driver, 'I will sue you, my lawyer is ready', STORM_POST);
    await driver.cardFor(threat.name);

    // Post as cards, pressed twice: the folded cards are posted once each, and the second press is told who was first.
    const seen = (await driver.privateRepliesTo('alice')).length;
    await driver.press(shown, 'unfold', 'alice');
    for (const customer of routine) await driver.cardFor(customer.name);
    await driver.press(shown, 'unfold', 'alice');
    const [told] = await newPrivateReplies(driver, 'alice', seen);
    expect(told).toMatch(/already posted the folded cards/u);
    await settled(driver);
    const placements = await placementsOf(driver, names);
    expect(placements).toHaveLength(FOLDED);
    expect(placements.every((placement) => placement.unfolded_at !== null && placement.chat_message_id !== null)).toBe(true);
    await cardWhen(driver, storm, 'no Post as cards once none is waiting', (view) => !view.buttons.includes('unfold'));
  });
};
