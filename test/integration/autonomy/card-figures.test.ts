import { describe, expect, it } from 'vitest';
import { cardsIn, eventually } from '../../support/app-harness.js';
import { cardText, pressButton, USERS } from '../../support/slack-press.js';
import { type AutonomyApp, cardFor, comment, useAutonomyApp } from './autonomy-app.js';

const ctx = useAutonomyApp();

/** The card posted at `ts` once its text matches. */
const cardWhen = (app: AutonomyApp, ts: string, pattern: RegExp, what: string) =>
  eventually(async () => {
    const message = cardsIn(app.services).find((candidate) => candidate.ts === ts);
    return message && pattern.test(cardText(message)) ? message : undefined;
  }, what);

const SINCE = 'since \\d{1,2} [A-Z][a-z]{2}';

describe('the figures of the rule that acted on its own, on its cards', () => {
  it('a veto card shows its rule’s record since its level began, and each card’s figures move as the rule acts', async () => {
    await comment(ctx, 'What is the price of the red scarf?');
    const first = await cardFor(ctx, 'red scarf', 'the first veto card');
    expect(cardText(first)).toMatch(new RegExp(`rule price-question · veto ${SINCE}: 1 held, 0 sent, 0 stopped`, 'u'));

    await pressButton(ctx.app.url!, ctx.services.slack, first, 'stop', USERS.alice, 'figures-stop');
    await cardWhen(ctx, first.ts, /1 held, 0 sent, 1 stopped/u, 'the stopped card with its rule’s new figures');

    await comment(ctx, 'What does the green scarf cost?');
    const second = await cardFor(ctx, 'green scarf', 'the second veto card');
    expect(cardText(second)).toMatch(/rule price-question · veto since .*: 2 held, 0 sent, 1 stopped/u);
  });

  it('a card beside an automatic hide shows the automatic rule’s hides and undos; a plain draft card shows none', async () => {
    await comment(ctx, 'crypto giveaway winners want a refund');
    const card = await cardFor(ctx, 'giveaway winners', 'the card beside the hide');
    expect(cardText(card)).toMatch(new RegExp(`rule spam-link · auto ${SINCE}: 1 hidden, 0 undone`, 'u'));

    await comment(ctx, 'Please refund my blue hat');
    const plain = await cardFor(ctx, 'blue hat', 'a draft card');
    expect(cardText(plain)).not.toContain('🤖');
  });
});
