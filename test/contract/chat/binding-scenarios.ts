import { expect, it } from 'vitest';
import { eventually } from '../../support/app-harness.js';
import type { ChatDriver, ForgedPress, Person } from './chat-driver.js';
import { newCard, settled } from './contract-helpers.js';

const auditedRefusals = (driver: ChatDriver, as: Person, action: string) =>
  driver.world.db.selectFrom('audit_log').select(['detail']).where('action', '=', action).where('actor', '=', driver.actorId(as)).execute();

/** The private words this person is shown next. */
const nextWords = async (driver: ChatDriver, as: Person, press: () => Promise<void>): Promise<string> => {
  const seen = (await driver.privateRepliesTo(as)).length;
  await press();
  return eventually(async () => (await driver.privateRepliesTo(as)).slice(seen)[0], `the refusal to ${as}`);
};

/**
 * Deny by default: a press counts only from the app's own workspace, on the card's own channel and
 * message, and guests and people from other organisations count only when the team section names
 * them. Each refusal is private, in words, audited with why, and nothing reaches the platform.
 */
export const bindingScenarios = (use: () => ChatDriver): void => {
  const forgeries: [ForgedPress, RegExp][] = [
    ['another-workspace', /another workspace/u],
    ['another-channel', /another channel/u],
    ['another-message', /not pressed on the card’s own message/u],
  ];
  for (const [forgery, words] of forgeries) {
    it(`a press from ${forgery.replace('-', ' ')} is refused privately, audited, and nothing is done`, async () => {
      const driver = use();
      const { customer, card } = await newCard(driver);
      const told = await nextWords(driver, 'alice', () => driver.pressForged(card, 'hide', 'alice', forgery));
      expect(told).toMatch(/nothing was done/iu);
      expect(told).toMatch(words);
      const audits = await auditedRefusals(driver, 'alice', 'refused:hide');
      expect(audits.some((audit) => words.test(String((audit.detail as { reason?: string }).reason)))).toBe(true);
      await settled(driver);
      expect(driver.world.graph.comments.get(customer.commentId)?.isHidden).not.toBe(true);
      expect((await driver.card(card)).buttons).toContain('hide');
    });
  }

  it('a guest and a person from another organisation, not named in the team section, are refused', async () => {
    const driver = use();
    const { customer, card } = await newCard(driver);
    expect(await nextWords(driver, 'gwen', () => driver.press(card, 'hide', 'gwen'))).toMatch(/guests of the workspace may not act/u);
    expect(await nextWords(driver, 'xavi', () => driver.press(card, 'hide', 'xavi'))).toMatch(/other organisations may not act/u);
    expect(await auditedRefusals(driver, 'gwen', 'refused:hide')).toHaveLength(1);
    expect(await auditedRefusals(driver, 'xavi', 'refused:hide')).toHaveLength(1);
    await settled(driver);
    expect(driver.world.graph.comments.get(customer.commentId)?.isHidden).not.toBe(true);
  });

  it('/kpi is refused to someone without the reports permission, and audited', async () => {
    const driver = use();
    const answer = await driver.command('kpi', '7d', 'carol');
    expect(answer.private).toBe(true);
    expect(answer.text).toMatch(/cannot show \/kpi/u);
    expect(await auditedRefusals(driver, 'carol', 'refused:/kpi')).toHaveLength(1);
    await driver.command('kpi', '7d', 'alice');
    const ran = await auditedRefusals(driver, 'alice', 'ran:/kpi');
    expect(ran.map((row) => (row.detail as { args: string }).args)).toContain('7d');
  });
};
