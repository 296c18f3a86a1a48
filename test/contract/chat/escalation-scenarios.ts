import { expect, it } from 'vitest';
import type { ChatDriver, ContractSetup } from './chat-driver.js';
import { alertWhen, cardWhen, newCard, newPrivateReplies, noteOn } from './contract-helpers.js';

/** Escalate on a card: an alert that pings the on-call person and links the card; Acknowledge once. */
export const escalateScenarios = (use: () => ChatDriver, setup: ContractSetup): void => {
  it('Escalate posts an alert with a real mention, linking the card; Acknowledge on it is recorded once', async () => {
    const driver = use();
    const { card } = await newCard(driver);
    await driver.press(card, 'escalate', 'alice');
    const alert = await alertWhen(driver, card, 'the escalation alert');
    expect(alert.mentions).toContain(setup.onCall);
    expect(alert.title).toMatch(/escalated/iu);
    expect(alert.buttons).toContain('acknowledge');
    await cardWhen(
      driver,
      card,
      'Acknowledge on the card',
      (view) => view.buttons.includes('acknowledge') && !view.buttons.includes('escalate'),
    );
    await noteOn(driver, card, /@alice escalated/u);

    await driver.press(alert, 'acknowledge', 'bob');
    await cardWhen(driver, card, 'no Acknowledge on the card', (view) => view.buttons.length > 0 && !view.buttons.includes('acknowledge'));
    await noteOn(driver, card, /@bob acknowledged/u);

    const seen = (await driver.privateRepliesTo('alice')).length;
    await driver.press(alert, 'acknowledge', 'alice');
    const [told] = await newPrivateReplies(driver, 'alice', seen);
    expect(told).toMatch(/already/u);
    expect(told).toContain('@bob');
  });
};

/**
 * A rule's escalation re-pings on the playbook's ladder until someone acknowledges it. Whether a
 * rung stayed silent is known once a later escalation's whole ladder has run: its rungs are due
 * after the silent ones (it was raised after the acknowledgement), so no sleeping is needed.
 */
export const ladderScenarios = (use: () => ChatDriver, setup: ContractSetup): void => {
  const ladder = setup.escalation?.ladder ?? [];
  const thenDm = setup.escalation?.thenDm;

  it('a rule escalation re-pings on the ladder until Acknowledge, then stops; an unacknowledged one goes on to a direct message', async () => {
    const driver = use();
    const { card } = await newCard(driver, 'I will sue you, my lawyer is ready');
    const alert = await alertWhen(driver, card, 'the alert');
    expect(alert.mentions).toContain(setup.onCall);
    const first = await alertWhen(driver, card, 'the first re-ping', (shown) => shown.reminders.length >= 1);
    expect(first.reminders[0]).toContain(`@${setup.onCall}`);
    expect(first.reminders[0]).toMatch(new RegExp(`reminder 1 of ${ladder.length}`, 'u'));

    await driver.press(first, 'acknowledge', 'bob');
    await cardWhen(driver, card, 'the acknowledgement', (view) => view.buttons.length > 0 && !view.buttons.includes('acknowledge'));

    const later = await newCard(driver, 'I am taking legal action, expect a lawsuit');
    const whole = await alertWhen(
      driver,
      later.card,
      'the later escalation to run its whole ladder',
      (shown) => shown.reminders.length === ladder.length && (!thenDm || shown.directMessaged.includes(thenDm)),
    );
    expect(whole.reminders.at(-1)).toMatch(new RegExp(`reminder ${ladder.length} of ${ladder.length}`, 'u'));
    const acknowledged = await alertWhen(driver, card, 'the acknowledged alert');
    expect(acknowledged.reminders).toHaveLength(1);
    expect(acknowledged.directMessaged).toEqual([]);
  });
};
