import { expect, it } from 'vitest';
import { eventually } from '../../support/app-harness.js';
import type { ChatDriver, LogLineView, Person } from './chat-driver.js';
import { cardWhen, customerComments, newPrivateReplies, nextCustomer, settled, visibilityCalls } from './contract-helpers.js';

/** The audit lines of one kind, oldest first (the scenarios slice off the earlier ones: without an order, Postgres may return them in any). */
const auditLines = (driver: ChatDriver, action: string) =>
  driver.world.db.selectFrom('audit_log').select(['actor', 'subject_id', 'detail']).where('action', '=', action).orderBy('id').execute();

const privateCounts = async (driver: ChatDriver, people: readonly Person[]) =>
  Object.fromEntries(await Promise.all(people.map(async (person) => [person, (await driver.privateRepliesTo(person)).length]))) as Record<
    Person,
    number
  >;

/**
 * What each of these people was told privately since `seen` about this scenario's card (`about`; a late
 * answer from an earlier scenario is not counted), waiting until at least `atLeast` of them were told something.
 */
const toldSince = (driver: ChatDriver, seen: Record<Person, number>, people: readonly Person[], atLeast: number, about = /./u) =>
  eventually(
    async () => {
      const told = Object.fromEntries(
        await Promise.all(
          people.map(async (person) => [
            person,
            (await driver.privateRepliesTo(person)).slice(seen[person]).filter((said) => about.test(said)),
          ]),
        ),
      ) as Record<Person, string[]>;
      return people.filter((person) => told[person].length > 0).length >= atLeast ? told : undefined;
    },
    `${atLeast} of ${people.join(', ')} to be told`,
  );

/** A veto card: the reply that will be sent, with Stop instead of Approve. */
const vetoCard = async (driver: ChatDriver, text: string) => {
  const customer = await customerComments(driver, text);
  const card = await driver.cardFor(customer.name);
  const shown = await cardWhen(driver, card, 'the countdown with Stop', (view) => view.buttons.includes('stop'));
  expect(shown.buttons).not.toContain('approve');
  expect(shown.draft).toBeTruthy();
  return { customer, card, shown };
};

/** The log line of the automatic action on a comment whose text includes `words`. */
const logLineAbout = (driver: ChatDriver, words: string, what: string, predicate: (line: LogLineView) => boolean = () => true) =>
  eventually(async () => (await driver.logLines()).find((line) => line.text.includes(words) && predicate(line)), what);

/** Stop on a rule's held reply (autonomy: veto): before the deadline nothing is sent; at any moment, one outcome. */
export const stopScenarios = (use: () => ChatDriver): void => {
  it('Stop before the deadline sends nothing: the card goes back to people, and the stop is audited', async () => {
    const driver = use();
    const { customer, card, shown } = await vetoCard(driver, 'What are your opening hours on Sunday?');
    await driver.press(shown, 'stop', 'alice');

    const back = await cardWhen(driver, card, 'Approve back on the card', (view) => view.buttons.includes('approve'));
    expect(back.buttons).not.toContain('stop');
    await settled(driver);
    expect(driver.world.graph.repliesTo(customer.commentId)).toEqual([]);
    const stops = await auditLines(driver, 'autonomy:stop');
    expect(stops.filter((line) => line.actor === driver.actorId('alice'))).toHaveLength(1);
  });

  it('Stop pressed twice at once is one stop; the second presser is told privately who stopped it', async () => {
    const driver = use();
    const { customer, card, shown } = await vetoCard(driver, 'Are your summer hours the same as in winter?');
    const before = (await auditLines(driver, 'autonomy:stop')).length;
    const seen = await privateCounts(driver, ['alice', 'bob']);

    await Promise.all([driver.press(shown, 'stop', 'alice'), driver.press(shown, 'stop', 'bob')]);
    const told = await toldSince(driver, seen, ['alice', 'bob'], 1, /already stopped the reply/u);
    await cardWhen(driver, card, 'Approve back on the card', (view) => view.buttons.includes('approve'));
    await settled(driver);

    const [loser, winner] = told.alice.length > 0 ? (['alice', 'bob'] as const) : (['bob', 'alice'] as const);
    expect(told[winner]).toEqual([]);
    expect(told[loser]).toHaveLength(1);
    expect(told[loser][0]).toMatch(/already stopped the reply/u);
    expect(told[loser][0]).toContain(`@${winner}`);
    expect(driver.world.graph.repliesTo(customer.commentId)).toEqual([]);
    const stops = (await auditLines(driver, 'autonomy:stop')).slice(before);
    expect(stops.map((line) => line.actor)).toEqual([driver.actorId(winner)]);
  });

  it('Stop pressed as the deadline comes ends one way, sent or stopped, and everyone is shown that one way', async () => {
    const driver = use();
    const { customer, card, shown } = await vetoCard(driver, 'quick question about my order');
    const seen = await privateCounts(driver, ['alice', 'bob']);
    // The countdown is 2 s from the comment: these presses land around its end, on either side.
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    await driver.press(shown, 'stop', 'alice');
    await driver.press(shown, 'stop', 'bob');

    const told = await toldSince(driver, seen, ['alice', 'bob'], 1, /already (sent|stopped) the reply/u);
    const after = await cardWhen(driver, card, 'the card without its countdown', (view) => !view.buttons.includes('stop'));
    await settled(driver);
    const replies = driver.world.graph.repliesTo(customer.commentId);
    expect(replies.length).toBeLessThanOrEqual(1);
    const words = [...told.alice, ...told.bob];
    if (replies.length === 1) {
      // The deadline won: nobody's Stop counted, and each presser is told the rule sent it.
      expect(words).toHaveLength(2);
      for (const said of words) expect(said).toMatch(/rule:contract-quick already sent the reply at its deadline/u);
      expect(after.buttons).not.toContain('approve');
    } else {
      // One Stop won (the two presses race each other too): the other presser is told who stopped it, the card is back with people.
      const winner = told.alice.length === 0 ? 'alice' : 'bob';
      const loser = winner === 'alice' ? 'bob' : 'alice';
      expect(told[winner]).toEqual([]);
      expect(told[loser]).toHaveLength(1);
      expect(told[loser][0]).toMatch(new RegExp(`@${winner} already stopped the reply`, 'u'));
      await cardWhen(driver, card, 'Approve back on the card', (view) => view.buttons.includes('approve'));
    }
  });
};

/** Undo on an automatic action's log line (autonomy: auto): it takes the action back once. */
export const undoScenarios = (use: () => ChatDriver): void => {
  it('Undo on an automatic hide unhides once; a second Undo is told it is already undone', async () => {
    const driver = use();
    const customer = await customerComments(driver, 'Join the zebra giveaway today');
    await eventually(async () => visibilityCalls(driver, customer.commentId).length === 1, 'the automatic hide');
    const line = await logLineAbout(driver, 'zebra giveaway', 'the log line with Undo', (shown) => shown.buttons.includes('undo'));
    expect(line.text).toMatch(/rule contract-giveaway hid/u);
    expect(line.buttons).toEqual(['undo']);

    await driver.pressLogLine(line, 'undo', 'alice');
    await eventually(async () => visibilityCalls(driver, customer.commentId).length === 2, 'the unhide');
    const undone = await logLineAbout(driver, 'zebra giveaway', 'the line saying it was undone', (shown) => /Undone by/u.test(shown.text));
    expect(undone.buttons).toEqual([]);

    const seen = (await driver.privateRepliesTo('bob')).length;
    await driver.pressLogLine(line, 'undo', 'bob');
    const [told] = await newPrivateReplies(driver, 'bob', seen);
    expect(told).toMatch(/already undid it/u);
    expect(told).toContain('@alice');
    await settled(driver);

    expect(visibilityCalls(driver, customer.commentId)).toEqual(['true', 'false']);
    const undos = (await auditLines(driver, 'autonomy:undo')).filter(
      (entry) => (entry.detail as { rule?: string }).rule === 'contract-giveaway',
    );
    expect(undos.map((entry) => entry.actor)).toEqual([driver.actorId('alice')]);
  });

  it('Undo while the hide is still on its way is refused in words; once it is done, Undo unhides it once', async () => {
    const driver = use();
    const customer = nextCustomer();
    // The platform takes the hide but does not answer yet: the action is in flight.
    const held = driver.world.graph.holdNext(`/${customer.commentId}`);
    await customerComments(driver, 'zebra raffle, last chance', customer);
    await held.arrived;
    const line = await logLineAbout(driver, 'last chance', 'the log line with Undo', (shown) => shown.buttons.includes('undo'));

    const seen = (await driver.privateRepliesTo('alice')).length;
    await driver.pressLogLine(line, 'undo', 'alice');
    const [told] = await newPrivateReplies(driver, 'alice', seen);
    expect(told).toMatch(/still being done; press Undo again/u);
    expect(visibilityCalls(driver, customer.commentId)).toEqual(['true']);

    held.release();
    await settled(driver);
    await driver.pressLogLine(line, 'undo', 'alice');
    await eventually(async () => visibilityCalls(driver, customer.commentId).length === 2, 'the unhide once the hide was done');
    await settled(driver);
    expect(visibilityCalls(driver, customer.commentId)).toEqual(['true', 'false']);
  });

  it('Undo after the window is refused with when it closed, and the comment stays hidden', async () => {
    const driver = use();
    const customer = await customerComments(driver, 'flash giveaway tonight');
    await eventually(async () => visibilityCalls(driver, customer.commentId).length === 1, 'the automatic hide');
    const line = await logLineAbout(driver, 'flash giveaway', 'the log line with Undo', (shown) => shown.buttons.includes('undo'));
    // The rule's window is one second from the hide: wait past it.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const seen = (await driver.privateRepliesTo('bob')).length;
    await driver.pressLogLine(line, 'undo', 'bob');
    const [told] = await newPrivateReplies(driver, 'bob', seen);
    expect(told).toMatch(/Too late to undo: the window closed at \d\d:\d\d UTC/u);
    await settled(driver);
    expect(visibilityCalls(driver, customer.commentId)).toEqual(['true']);
  });
};
