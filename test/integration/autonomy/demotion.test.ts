import { describe, expect, it } from 'vitest';
import { releaseVeto } from '../../../src/autonomy/release-veto.js';
import { reviewRule } from '../../../src/autonomy/review-rule.js';
import { runAutonomyCommand } from '../../../src/cli/autonomy.js';
import { decideVeto } from '../../../src/store/autonomy-vetoes.js';
import { cardsIn, eventually } from '../../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';
import { cardFor, comment, fireVetoTimer, useAutonomyApp, vetoOn } from './autonomy-app.js';
import { auditOf, demotionNotice, GRADUATION_PLAYBOOK, loggedLine, reviewDeps } from './graduation-app.js';

const ctx = useAutonomyApp(GRADUATION_PLAYBOOK);
const TWO_MINUTES = 120_000;

const overlayOf = (rule: string) =>
  ctx.services.database.db.selectFrom('autonomy_overlays').selectAll().where('rule', '=', rule).executeTakeFirst();

const cardNow = (ts: string) => cardsIn(ctx.services).find((message) => message.ts === ts);

describe('demotion', () => {
  it('three undos in a row put a rule at auto back to draft, and the channel says so with the figures', async () => {
    for (const round of [1, 2, 3]) {
      const commentId = await comment(ctx, `Thank you for the parcel number ${round}`);
      // Undo is refused while the reply is still being sent: wait until it is done.
      await eventually(
        async () =>
          (
            await ctx.services.database.db
              .selectFrom('actions')
              .select('status')
              .where('kind', '=', 'reply')
              .where('target', '=', commentId)
              .executeTakeFirst()
          )?.status === 'succeeded',
        `automatic reply ${round}`,
      );
      const line = await loggedLine(ctx, `parcel number ${round}`);
      expect(cardButtons(line).has('sb:undo')).toBe(true);
      await pressButton(ctx.app.url!, ctx.services.slack, line, 'undo', USERS.bob, `undo-${round}`);
      await eventually(async () => ctx.services.graph.repliesTo(commentId).length === 0, `reply ${round} deleted`);
      if (round < 3) expect(await overlayOf('thanks')).toBeUndefined();
    }
    const notice = await demotionNotice(ctx, 'thanks');
    expect(cardText(notice)).toContain('was auto');
    expect(cardText(notice)).toContain('3 of its last 3 automatic actions were undone (3 undone of 3 in 30 days)');
    expect(await overlayOf('thanks')).toMatchObject({ level: 'draft', file_level: 'auto', set_by: 'system' });
    const audit = await auditOf(ctx, 'autonomy:demote', 'thanks');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'system', subject_type: 'rule' });
    expect(audit[0]?.detail).toMatchObject({
      was: 'auto',
      now: 'draft',
      why: expect.stringContaining('3 of its last 3 automatic actions were undone'),
    });

    let out = '';
    expect(
      await runAutonomyCommand([], ctx.config, { stdout: (text) => (out += text), stderr: (text) => (out += text) }, ctx.clock.now()),
    ).toBe(0);
    expect(out).toMatch(
      /thanks: auto in the file, draft from chat since \d{4}-\d\d-\d\d \d\d:\d\d UTC by system \(demoted: 3 of its last 3 automatic actions were undone/u,
    );
    expect(out).toContain('; 3 automatic: 3 undone');

    // From now on a person approves its drafts again.
    const commentId = await comment(ctx, 'Thank you after the demotion');
    const card = await cardFor(ctx, 'after the demotion', 'a draft card');
    expect(cardButtons(card).has('sb:approve')).toBe(true);
    expect(ctx.services.graph.repliesTo(commentId)).toHaveLength(0);
  });

  it('a veto card whose rule is demoted during its countdown becomes a plain draft: never sent, the same words for everyone', async () => {
    const stopped: string[] = [];
    for (const round of [1, 2]) {
      await comment(ctx, `What is the price of hat ${round}?`);
      const card = await cardFor(ctx, `hat ${round}`, `veto card ${round}`);
      await pressButton(ctx.app.url!, ctx.services.slack, card, 'stop', USERS.bob, `stop-${round}`);
      stopped.push(card.ts);
    }
    const runningId = await comment(ctx, 'What is the price of the running shoes?');
    // A copy as it was drawn then: the fake chat redraws the posted message in place.
    const running = structuredClone(await cardFor(ctx, 'running shoes', 'the running countdown'));
    const runningVeto = await vetoOn(ctx, runningId);
    expect(cardText(running)).toMatch(/sending in/u);

    await comment(ctx, 'What is the price of hat 3?');
    const third = await cardFor(ctx, 'hat 3', 'veto card 3');
    await pressButton(ctx.app.url!, ctx.services.slack, third, 'stop', USERS.bob, 'stop-3');
    const notice = await demotionNotice(ctx, 'price-question');
    expect(cardText(notice)).toContain('3 of its last 3 held replies were stopped');
    expect(cardText(notice)).toContain('1 countdown(s) running were ended');

    const redrawn = await eventually(async () => {
      const now = cardNow(running.ts);
      return now && cardText(now).includes('went back to draft before the deadline') ? now : undefined;
    }, 'the running card redrawn as a draft');
    expect(cardButtons(redrawn).has('sb:approve')).toBe(true);
    expect(cardButtons(redrawn).has('sb:stop')).toBe(false);

    // The deadline comes: nothing goes out, whichever way the timer is fired.
    ctx.clock.advance(TWO_MINUTES);
    await fireVetoTimer(ctx, runningVeto.id);
    expect(await releaseVeto({ db: ctx.services.database.db, queues: ctx.queues, now: ctx.clock.now }, runningVeto.id)).toBe('demoted');
    expect(ctx.services.graph.repliesTo(runningId)).toHaveLength(0);
    // Stop pressed on an old copy of the card is told what happened.
    await pressButton(ctx.app.url!, ctx.services.slack, running, 'stop', USERS.alice, 'late-stop');
    await eventually(
      async () => JSON.stringify(ctx.services.slack.responses('late-stop')).includes('put the rule back to draft before the deadline'),
      'the late Stop told the rule was demoted',
    );
    expect(await auditOf(ctx, 'autonomy:demote', 'price-question')).toHaveLength(1);
  });

  it('a demotion racing the deadline’s send ends in exactly one outcome', async () => {
    const firstId = await comment(ctx, 'When is the delivery of the lamp?');
    const racingId = await comment(ctx, 'When is the delivery of the chair?');
    const first = await vetoOn(ctx, firstId);
    const racing = await vetoOn(ctx, racingId);
    await cardFor(ctx, 'delivery of the chair', 'the racing card');
    // The first is stopped without a review job, so the demotion happens only in the race below.
    await decideVeto(ctx.services.database.db, first.id, { state: 'stopped', by: `slack:${USERS.bob.id}`, at: ctx.clock.now() });
    ctx.clock.advance(TWO_MINUTES);
    const [released, reviewed] = await Promise.all([
      releaseVeto({ db: ctx.services.database.db, queues: ctx.queues, now: ctx.clock.now }, racing.id),
      reviewRule(reviewDeps(ctx), 'delivery-question'),
    ]);
    expect(reviewed.kind).toBe('demoted');
    const state = (
      await ctx.services.database.db.selectFrom('autonomy_vetoes').select('state').where('id', '=', racing.id).executeTakeFirstOrThrow()
    ).state;
    expect(released).toBe(state);
    expect(['sent', 'demoted']).toContain(state);
    if (state === 'sent') await eventually(async () => ctx.services.graph.repliesTo(racingId).length === 1, 'the one reply');
    await fireVetoTimer(ctx, racing.id);
    expect(await releaseVeto({ db: ctx.services.database.db, queues: ctx.queues, now: ctx.clock.now }, racing.id)).toBe(state);
    expect(ctx.services.graph.repliesTo(racingId)).toHaveLength(state === 'sent' ? 1 : 0);
  });
});
