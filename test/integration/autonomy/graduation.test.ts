import { describe, expect, it } from 'vitest';
import { releaseVeto } from '../../../src/autonomy/release-veto.js';
import { reviewRule } from '../../../src/autonomy/review-rule.js';
import { cardsIn, eventually } from '../../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';
import { cardFor, comment, fireVetoTimer, useAutonomyApp, vetoOn } from './autonomy-app.js';
import { approveDrafts, auditOf, GRADUATION_PLAYBOOK, reviewDeps, suggestionFor, suggestionNow, suggestionsOf } from './graduation-app.js';

const ctx = useAutonomyApp(GRADUATION_PLAYBOOK);
const TWO_MINUTES = 120_000;

const answered = (responseId: string, words: string) =>
  eventually(async () => JSON.stringify(ctx.services.slack.responses(responseId)).includes(words), `the answer “${words}”`);

describe('graduation from draft to veto', () => {
  it('suggests a promotion after 60 of 60 approved unchanged, with those figures, once', async () => {
    await approveDrafts(ctx, 'What a lovely compliment', 59, 'c');
    await eventually(
      async () =>
        (await ctx.services.database.db.selectFrom('cards').select('id').where('draft_outcome', '=', 'approved').execute()).length === 59,
      'the 59 approvals',
    );
    expect((await reviewRule(reviewDeps(ctx), 'compliment')).kind).toBe('hold');
    expect(await suggestionsOf(ctx, 'compliment')).toHaveLength(0);
    await approveDrafts(ctx, 'What a lovely compliment', 1, 'c60');
    const suggestion = await suggestionFor(ctx, 'compliment');
    expect(cardText(suggestion)).toContain('60 drafts in 30 days, 60 approved unchanged (100 %)');
    expect([...cardButtons(suggestion).keys()]).toEqual(['sb:promote', 'sb:not_now']);
    const rows = await suggestionsOf(ctx, 'compliment');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ from_level: 'draft', to_level: 'veto', state: 'open' });
    // Reviewed again (the next approval, a redelivered job): the open suggestion is not posted twice.
    expect((await reviewRule(reviewDeps(ctx), 'compliment')).kind).toBe('already');
    expect(cardsIn(ctx.services).filter((message) => cardText(message).includes('Rule compliment could move'))).toHaveLength(1);
  }, 120_000);

  it('refuses Promote to a role without playbook, and says why', async () => {
    const suggestion = await suggestionFor(ctx, 'compliment');
    await pressButton(ctx.app.url!, ctx.services.slack, suggestion, 'promote', USERS.bob, 'promote-bob');
    await answered('promote-bob', 'may not change a rule’s autonomy level');
    expect((await suggestionsOf(ctx, 'compliment'))[0]?.state).toBe('open');
    expect(await auditOf(ctx, 'refused:promote', `suggestion:${(await suggestionsOf(ctx, 'compliment'))[0]?.id}`)).toHaveLength(1);
  });

  it('after Promote, the next matching comment shows a countdown card and is sent once at the deadline', async () => {
    const suggestion = await suggestionFor(ctx, 'compliment');
    const stale = structuredClone(suggestion);
    expect((await pressButton(ctx.app.url!, ctx.services.slack, suggestion, 'promote', USERS.alice, 'promote-alice')).status).toBe(200);
    const decided = await eventually(async () => {
      const now = suggestionNow(ctx, suggestion);
      return cardText(now).includes('Promoted to veto by') ? now : undefined;
    }, 'the suggestion to say it was promoted');
    expect(cardButtons(decided).size).toBe(0);

    // A second press (a stale copy) is told who decided, the same way for everyone.
    await pressButton(ctx.app.url!, ctx.services.slack, stale, 'not_now', USERS.alice, 'late-not-now');
    await answered('late-not-now', 'promoted the rule');

    const overlay = await ctx.services.database.db
      .selectFrom('autonomy_overlays')
      .selectAll()
      .where('rule', '=', 'compliment')
      .executeTakeFirstOrThrow();
    expect(overlay).toMatchObject({ level: 'veto', file_level: 'draft', set_by: `slack:${USERS.alice.id}` });
    const audit = await auditOf(ctx, 'autonomy:promote', 'compliment');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `slack:${USERS.alice.id}`, subject_type: 'rule' });
    expect(audit[0]?.detail).toMatchObject({
      was: 'draft',
      now: 'veto',
      figures: '60 drafts in 30 days, 60 approved unchanged (100 %)',
      why: expect.stringContaining('promoted from chat'),
    });

    const commentId = await comment(ctx, 'Another compliment for the team after promotion');
    const card = await cardFor(ctx, 'after promotion', 'the countdown card');
    expect(cardText(card)).toMatch(/sending in 2 min/u);
    expect(cardButtons(card).has('sb:stop')).toBe(true);
    const veto = await vetoOn(ctx, commentId);
    ctx.clock.advance(TWO_MINUTES);
    await fireVetoTimer(ctx, veto.id);
    await eventually(async () => ctx.services.graph.repliesTo(commentId).length === 1, 'the reply at the deadline');
    expect(await releaseVeto({ db: ctx.services.database.db, queues: ctx.queues, now: ctx.clock.now }, veto.id)).toBe('sent');
    expect(ctx.services.graph.repliesTo(commentId)).toHaveLength(1);
  });
});

describe('Not now', () => {
  it('keeps the rule at draft, audits who said it, and suggests nothing more while it is quiet', async () => {
    await approveDrafts(ctx, 'What are your opening hours?', 3, 'h');
    const suggestion = await suggestionFor(ctx, 'opening-hours');
    expect(cardText(suggestion)).toContain('3 drafts in 30 days, 3 approved unchanged (100 %)');
    await pressButton(ctx.app.url!, ctx.services.slack, suggestion, 'not_now', USERS.alice, 'not-now');
    await eventually(async () => cardText(suggestionNow(ctx, suggestion)).includes('Not now, said'), 'the suggestion to say Not now');
    const [row] = await suggestionsOf(ctx, 'opening-hours');
    expect(row).toMatchObject({ state: 'declined', decided_by: `slack:${USERS.alice.id}` });
    expect(row!.quiet_until!.getTime() - row!.decided_at!.getTime()).toBe(7 * 86_400_000);
    const audit = await auditOf(ctx, 'autonomy:not_now', 'opening-hours');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `slack:${USERS.alice.id}` });

    await approveDrafts(ctx, 'What are your opening hours?', 1, 'h4');
    expect((await reviewRule(reviewDeps(ctx), 'opening-hours')).kind).toBe('quiet');
    // A week later the rule may be suggested again.
    ctx.clock.advance(7 * 86_400_000 + 60_000);
    expect((await reviewRule(reviewDeps(ctx), 'opening-hours')).kind).toBe('suggested');
    expect(await suggestionsOf(ctx, 'opening-hours')).toHaveLength(2);
    expect(
      await ctx.services.database.db.selectFrom('autonomy_overlays').select('rule').where('rule', '=', 'opening-hours').execute(),
    ).toHaveLength(0);
  });
});
