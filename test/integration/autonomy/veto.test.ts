import { describe, expect, it } from 'vitest';
import { releaseVeto } from '../../../src/autonomy/release-veto.js';
import { cardsIn, eventually } from '../../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';
import { type AutonomyApp, cardFor, comment, fireVetoTimer, useAutonomyApp, vetoOn } from './autonomy-app.js';

const ctx = useAutonomyApp();
const TWO_MINUTES = 120_000;

const stateOf = async (app: AutonomyApp, vetoId: string) =>
  (await app.services.database.db.selectFrom('autonomy_vetoes').select('state').where('id', '=', vetoId).executeTakeFirstOrThrow()).state;

const releaseDeps = (app: AutonomyApp) => ({ db: app.services.database.db, queues: app.queues, now: app.clock.now });

describe('a rule at autonomy: veto', () => {
  it('posts the reply that will be sent with a countdown and Stop, and sends it once at the deadline', async () => {
    const commentId = await comment(ctx, 'What is the price of the blue boots?');
    const card = await cardFor(ctx, 'blue boots', 'the veto card');
    expect(cardText(card)).toContain('Our prices are on the shop page');
    expect(cardText(card)).toMatch(/sending in 2 min/u);
    expect([...cardButtons(card).keys()]).toContain('sb:stop');
    expect(cardButtons(card).has('sb:approve')).toBe(false);
    const veto = await vetoOn(ctx, commentId);
    expect(veto.deadline_at.getTime() - veto.created_at.getTime()).toBeGreaterThan(TWO_MINUTES - 60_000);

    // The timer fired early (its clock apart): nothing is sent, it waits for the deadline.
    await expect(releaseVeto(releaseDeps(ctx), veto.id)).rejects.toThrow(/before its deadline/u);
    expect(ctx.services.graph.repliesTo(commentId)).toHaveLength(0);

    ctx.clock.advance(TWO_MINUTES);
    await fireVetoTimer(ctx, veto.id);
    const replies = await eventually(async () => {
      const found = ctx.services.graph.repliesTo(commentId);
      return found.length > 0 ? found : undefined;
    }, 'the reply on Facebook at the deadline');
    expect(replies[0]?.message).toBe('Our prices are on the shop page: https://shop.example.com');

    // A second firing (a redelivered job, a rebuilt timer) finds it decided.
    expect(await releaseVeto(releaseDeps(ctx), veto.id)).toBe('sent');
    const updated = await eventually(async () => {
      const message = cardsIn(ctx.services).find((m) => m.ts === card.ts);
      return message && cardText(message).includes('Sent by the rule at its deadline') ? message : undefined;
    }, 'the card to say it was sent');
    expect(cardButtons(updated).has('sb:stop')).toBe(false);
    expect(cardButtons(updated).has('sb:approve')).toBe(false);
    expect(ctx.services.graph.repliesTo(commentId)).toHaveLength(1);
  });

  it('sends nothing when Stop is pressed before the deadline, and audits who stopped it', async () => {
    const commentId = await comment(ctx, 'How much does shipping cost?');
    const card = await cardFor(ctx, 'shipping cost', 'the veto card');
    const veto = await vetoOn(ctx, commentId);
    expect((await pressButton(ctx.app.url!, ctx.services.slack, card, 'stop', USERS.alice, 'stop-1')).status).toBe(200);
    await eventually(async () => (await stateOf(ctx, veto.id)) === 'stopped', 'the veto to be stopped');

    ctx.clock.advance(TWO_MINUTES);
    await fireVetoTimer(ctx, veto.id);
    expect(await releaseVeto(releaseDeps(ctx), veto.id)).toBe('stopped');
    const stopped = await eventually(async () => {
      const message = cardsIn(ctx.services).find((m) => m.ts === card.ts);
      return message && cardText(message).includes('Stopped by') ? message : undefined;
    }, 'the card to say it was stopped');
    // A person takes over: the draft can be approved or edited now.
    expect(cardButtons(stopped).has('sb:approve')).toBe(true);
    expect(cardButtons(stopped).has('sb:stop')).toBe(false);
    expect(ctx.services.graph.repliesTo(commentId)).toHaveLength(0);

    const audit = await ctx.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'autonomy:stop').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `slack:${USERS.alice.id}`, subject_type: 'card' });
    expect(audit[0]?.detail).toMatchObject({ vetoId: veto.id, rule: 'price-question', why: expect.stringMatching(/stopped/u) });
  });

  it('decides Stop racing the send at the deadline once: stopped and unsent, or sent once and Stop told so', async () => {
    for (const round of [1, 2, 3]) {
      const commentId = await comment(ctx, `Price check number ${round}?`);
      const card = await cardFor(ctx, `Price check number ${round}`, 'the veto card');
      const veto = await vetoOn(ctx, commentId);
      ctx.clock.advance(TWO_MINUTES);
      const [press, released] = await Promise.all([
        pressButton(ctx.app.url!, ctx.services.slack, card, 'stop', USERS.bob, `race-${round}`),
        releaseVeto(releaseDeps(ctx), veto.id),
      ]);
      expect(press.status).toBe(200);
      const state = await stateOf(ctx, veto.id);
      expect(released).toBe(state);
      const cardRow = await ctx.services.database.db
        .selectFrom('cards')
        .select('id')
        .where('message_id', '=', veto.message_id)
        .executeTakeFirstOrThrow();
      const stops = await ctx.services.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'autonomy:stop')
        .where('subject_id', '=', cardRow.id)
        .execute();
      if (state === 'sent') {
        await eventually(async () => ctx.services.graph.repliesTo(commentId).length === 1, 'the one reply');
        expect(stops).toHaveLength(0);
        // The one who pressed Stop is told the reply went out, in the same words anyone would get.
        await eventually(
          async () => JSON.stringify(ctx.services.slack.responses(`race-${round}`)).includes('sent the reply at its deadline'),
          'the answer that it was sent',
        );
      } else {
        expect(state).toBe('stopped');
        expect(stops).toHaveLength(1);
      }
      // Whatever the timer does later, the outcome stands.
      await fireVetoTimer(ctx, veto.id);
      expect(await releaseVeto(releaseDeps(ctx), veto.id)).toBe(state);
      expect(ctx.services.graph.repliesTo(commentId)).toHaveLength(state === 'sent' ? 1 : 0);
    }
  });

  it('sends nothing when a person resolved the conversation before the deadline', async () => {
    const commentId = await comment(ctx, 'What does the gift card cost?');
    const card = await cardFor(ctx, 'gift card', 'the veto card');
    const veto = await vetoOn(ctx, commentId);
    await pressButton(ctx.app.url!, ctx.services.slack, card, 'resolve', USERS.alice, 'resolve-1');
    await eventually(
      async () =>
        (await ctx.services.database.db.selectFrom('cards').select('state').where('id', '=', veto.card_id).executeTakeFirst())?.state ===
        'resolved',
      'the card resolved',
    );
    ctx.clock.advance(TWO_MINUTES);
    expect(await releaseVeto(releaseDeps(ctx), veto.id)).toBe('superseded');
    expect(ctx.services.graph.repliesTo(commentId)).toHaveLength(0);
  });
});
