import { describe, expect, it } from 'vitest';
import { runAutonomyCommand } from '../../../src/cli/autonomy.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { CARD_CHANNEL, eventually } from '../../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';
import { type AutonomyApp, comment, pressAtClock, useAutonomyApp } from './autonomy-app.js';

const ctx = useAutonomyApp();

/** The day's log thread header, and the line in it that mentions `words`. */
const logLine = async (app: AutonomyApp, words: string, what = 'the log line') =>
  eventually(async () => {
    const messages = app.services.slack.messagesIn(CARD_CHANNEL);
    // One thread a day: a test whose clock is moved past midnight finds its line in the next day's.
    const headers = messages.filter((message) => message.text?.startsWith('🤖 Automatic actions'));
    const line = messages.find(
      (message) =>
        headers.some((header) => message.thread_ts === header.ts && message.ts !== header.ts) && cardText(message).includes(words),
    );
    const header = headers.find((candidate) => candidate.ts === line?.thread_ts);
    return header && line ? { header, line } : undefined;
  }, what);

const lineNow = (app: AutonomyApp, line: SlackMessage) =>
  app.services.slack.messagesIn(CARD_CHANNEL).find((message) => message.ts === line.ts) ?? line;

const actionOf = (app: AutonomyApp, kind: string, target: string) =>
  app.services.database.db.selectFrom('actions').selectAll().where('kind', '=', kind).where('target', '=', target).execute();

const answered = (app: AutonomyApp, responseId: string, words: string) =>
  eventually(async () => JSON.stringify(app.services.slack.responses(responseId)).includes(words), `the answer “${words}”`);

describe('a rule at autonomy: auto', () => {
  it('hides at once, logs one line with Undo in the day’s thread, and Undo unhides once; a second Undo is told it is done', async () => {
    const commentId = await comment(ctx, 'Join the crypto giveaway now!!!');
    await eventually(async () => (await actionOf(ctx, 'hide', commentId))[0]?.status === 'succeeded', 'the automatic hide');
    expect(ctx.services.graph.comments.get(commentId)?.isHidden).toBe(true);
    const { line } = await logLine(ctx, 'crypto giveaway');
    const staleCopy = structuredClone(line);
    expect(cardText(line)).toMatch(/rule spam-link hid/u);
    expect([...cardButtons(line).keys()]).toEqual(['sb:undo']);

    expect((await pressButton(ctx.app.url!, ctx.services.slack, line, 'undo', USERS.alice, 'undo-1')).status).toBe(200);
    await eventually(async () => ctx.services.graph.comments.get(commentId)?.isHidden === false, 'the comment visible again');
    await eventually(async () => cardText(lineNow(ctx, line)).includes('Undone by'), 'the line to say it was undone');
    expect(cardButtons(lineNow(ctx, line)).size).toBe(0);

    // The same button pressed again (a stale copy of the line, or a second person).
    await pressButton(ctx.app.url!, ctx.services.slack, staleCopy, 'undo', USERS.bob, 'undo-2');
    await answered(ctx, 'undo-2', 'already undid it');
    expect(await actionOf(ctx, 'unhide', commentId)).toHaveLength(1);

    const undos = await ctx.services.database.db.selectFrom('autonomy_undos').selectAll().execute();
    expect(undos).toHaveLength(1);
    expect(undos[0]).toMatchObject({ rule: 'spam-link', undone_by: `slack:${USERS.alice.id}` });
    const audit = await ctx.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'autonomy:undo').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `slack:${USERS.alice.id}`, subject_type: 'action' });
    expect(audit[0]?.detail).toMatchObject({ rule: 'spam-link', kind: 'hide', why: expect.stringMatching(/undid rule spam-link/u) });
  });

  it('sends a draft rule’s reply at once, and Undo deletes the reply on the platform', async () => {
    const commentId = await comment(ctx, 'Thank you, I love it!');
    const reply = await eventually(async () => ctx.services.graph.repliesTo(commentId)[0], 'the automatic reply');
    expect(reply.message).toBe('Thank you so much for the kind words!');
    const { line } = await logLine(ctx, 'I love it');
    await eventually(async () => (await actionOf(ctx, 'reply', commentId))[0]?.status === 'succeeded', 'the reply recorded');
    await pressButton(ctx.app.url!, ctx.services.slack, line, 'undo', USERS.alice, 'undo-reply');
    await eventually(async () => ctx.services.graph.repliesTo(commentId).length === 0, 'the reply deleted');
    expect(await actionOf(ctx, 'delete', reply.id)).toHaveLength(1);
  });

  it('refuses Undo in words once the window has closed', async () => {
    const commentId = await comment(ctx, 'Free crypto giveaway, click here');
    await eventually(async () => (await actionOf(ctx, 'hide', commentId))[0]?.status === 'succeeded', 'the automatic hide');
    const { line } = await logLine(ctx, 'Free crypto giveaway');
    ctx.clock.advance(11 * 60_000);
    expect((await pressAtClock(ctx, line, 'undo', USERS.alice, 'undo-late')).status).toBe(200);
    await answered(ctx, 'undo-late', 'Too late to undo');
    expect(await actionOf(ctx, 'unhide', commentId)).toHaveLength(0);
    expect(ctx.services.graph.comments.get(commentId)?.isHidden).toBe(true);
  });

  it('decides two Undo presses at once as one: one unhide on the platform, one audit line', async () => {
    const commentId = await comment(ctx, 'Another crypto giveaway for you');
    await eventually(async () => (await actionOf(ctx, 'hide', commentId))[0]?.status === 'succeeded', 'the automatic hide');
    const { line } = await logLine(ctx, 'Another crypto giveaway');
    const [first, second] = [structuredClone(line), structuredClone(line)];
    await Promise.all([
      pressButton(ctx.app.url!, ctx.services.slack, first, 'undo', USERS.alice, 'race-a'),
      pressButton(ctx.app.url!, ctx.services.slack, second, 'undo', USERS.bob, 'race-b'),
    ]);
    await eventually(async () => ctx.services.graph.comments.get(commentId)?.isHidden === false, 'the comment visible again');
    const told = await eventually(async () => {
      const answers = JSON.stringify([ctx.services.slack.responses('race-a'), ctx.services.slack.responses('race-b')]);
      return answers.includes('already undid it') ? answers : undefined;
    }, 'the later press told it is done');
    expect(told).toBeTruthy();
    expect(await actionOf(ctx, 'unhide', commentId)).toHaveLength(1);
    const undo = await ctx.services.database.db
      .selectFrom('autonomy_undos')
      .innerJoin('actions', 'actions.id', 'autonomy_undos.action_id')
      .select('autonomy_undos.id')
      .where('actions.target', '=', commentId)
      .executeTakeFirstOrThrow();
    const lines = await ctx.services.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'autonomy:undo').execute();
    expect(lines.filter((entry) => (entry.detail as { undoId?: string }).undoId === undo.id)).toHaveLength(1);
  });

  it('counts each undo against its rule in switchboard autonomy, beside the levels from the playbook', async () => {
    const refundComment = await comment(ctx, 'I want a refund for my order');
    const card = await eventually(
      async () => ctx.services.slack.messagesIn(CARD_CHANNEL).find((message) => cardText(message).includes('refund for my order')),
      'the refund card',
    );
    await pressButton(ctx.app.url!, ctx.services.slack, card, 'approve', USERS.alice, 'approve-refund');
    await eventually(async () => ctx.services.graph.repliesTo(refundComment).length === 1, 'the approved reply');
    let out = '';
    const code = await runAutonomyCommand(
      [],
      ctx.config,
      { stdout: (text) => (out += text), stderr: (text) => (out += text) },
      ctx.clock.now(),
    );
    expect(code).toBe(0);
    expect(out).toContain('spam-link: auto — 0 drafts: — approved unchanged, — edited, — rejected; 3 automatic: 2 undone');
    expect(out).toContain('refund: draft — 1 drafts: 100% approved unchanged, 0% edited, 0% rejected');
    expect(out).toContain('thanks: auto — 0 drafts: — approved unchanged, — edited, — rejected; 1 automatic: 1 undone');
    expect(out).toContain('price-question: veto — no record yet');
  });
});
