import { expect, it } from 'vitest';
import { eventually } from '../../support/app-harness.js';
import type { ChatDriver, PostView } from './chat-driver.js';
import { cardWhen, newCard, newPrivateReplies, settled } from './contract-helpers.js';

/** The suggestion about `rule` in the card channel, once it shows what the predicate wants. */
const suggestionWhen = (driver: ChatDriver, rule: string, what: string, predicate: (view: PostView) => boolean) =>
  eventually(
    async () => (await driver.cardChannelPosts()).find((post) => post.text.includes(`Rule ${rule} could move`) && predicate(post)),
    what,
  );

/** Two comments for `rule`, each card's draft approved unchanged by Alice: the contract's bar (min_drafts: 2). */
const earn = async (driver: ChatDriver, text: string) => {
  for (const round of [1, 2]) {
    const { card } = await newCard(driver, `${text} (${round})`);
    await driver.press(card, 'approve', 'alice');
    await cardWhen(driver, card, `approval ${round}`, (view) => view.buttons.length > 0 && !view.buttons.includes('approve'));
  }
};

const auditOf = (driver: ChatDriver, action: string, rule: string) =>
  driver.world.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('subject_id', '=', rule).execute();

/** Promote / Not now on a rule that earned its next level: pressable only with `playbook`, decided once, shown the same to all. */
export const promotionScenarios = (use: () => ChatDriver): void => {
  it('Not now: a role without playbook is told why; the lead’s Not now ends the suggestion for everyone, audited', async () => {
    const driver = use();
    await earn(driver, 'Can I get a discount on a bulk order?');
    const suggestion = await suggestionWhen(driver, 'handoff-negotiation', 'the suggestion', (view) => view.buttons.includes('not_now'));
    expect(suggestion.text).toContain('2 drafts in 30 days, 2 approved unchanged (100 %)');
    expect(suggestion.buttons).toEqual(['promote', 'not_now']);

    const seen = (await driver.privateRepliesTo('bob')).length;
    await driver.press(suggestion, 'not_now', 'bob');
    expect((await newPrivateReplies(driver, 'bob', seen)).join('\n')).toMatch(/may not change a rule’s autonomy level/u);

    await driver.press(suggestion, 'not_now', 'alice');
    const decided = await suggestionWhen(driver, 'handoff-negotiation', 'Not now on the suggestion', (view) =>
      view.text.includes('Not now, said'),
    );
    expect(decided.buttons).toEqual([]);
    const audit = await auditOf(driver, 'autonomy:not_now', 'handoff-negotiation');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(driver.actorId('alice'));
  });

  it('Promote: a double press is decided once; the next matching comment shows the reply that will be sent, with Stop', async () => {
    const driver = use();
    await earn(driver, 'Your staff are racist');
    const suggestion = await suggestionWhen(driver, 'handoff-hate', 'the suggestion', (view) => view.buttons.includes('promote'));
    const seen = (await driver.privateRepliesTo('alice')).length;
    await Promise.all([driver.press(suggestion, 'promote', 'alice'), driver.press(suggestion, 'promote', 'alice')]);
    const decided = await suggestionWhen(driver, 'handoff-hate', 'Promoted on the suggestion', (view) =>
      view.text.includes('Promoted to veto by'),
    );
    expect(decided.buttons).toEqual([]);
    expect((await newPrivateReplies(driver, 'alice', seen)).join('\n')).toMatch(/promoted the rule/u);
    const audit = await auditOf(driver, 'autonomy:promote', 'handoff-hate');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(driver.actorId('alice'));
    expect(audit[0]?.detail).toMatchObject({ was: 'draft', now: 'veto', figures: '2 drafts in 30 days, 2 approved unchanged (100 %)' });

    const { customer, card } = await newCard(driver, 'Your staff are racist, again');
    const countdown = await cardWhen(driver, card, 'a countdown with Stop', (view) => view.buttons.includes('stop'));
    expect(countdown.buttons).not.toContain('approve');
    await driver.press(countdown, 'stop', 'alice');
    await cardWhen(driver, card, 'Approve back after Stop', (view) => view.buttons.includes('approve'));
    await settled(driver);
    expect(driver.world.graph.repliesTo(customer.commentId)).toHaveLength(0);
  });
};
