import { describe, expect, it } from 'vitest';
import { commentAdded, PAGE_ID, POST_ID } from '../fixtures/meta.js';
import { cardsIn, eventually, postMeta, useApp } from '../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../support/slack-press.js';

const ctx = useApp();

const commentId = `${POST_ID.split('_')[1]}_440000000000001`;

describe('a Facebook comment becomes a Slack card, and Approve replies on Facebook', () => {
  it('turns "I want a refund" into one card and one Graph reply naming who approved', async () => {
    ctx.services.graph.addComment({
      id: commentId,
      from: { id: '6100000000000042', name: 'Dana Whitfield' },
      message: 'I want a refund',
      postId: POST_ID,
    });
    const answer = await postMeta(ctx.app.url!, commentAdded({ commentId, message: 'I want a refund' }));
    expect(answer.status).toBe(200);

    const card = await eventually(async () => cardsIn(ctx.services)[0], 'the handoff card');
    expect(cardText(card)).toMatch(/refund/iu);
    expect(cardText(card)).toContain('Dana Whitfield');
    // Language and sentiment are worked out once, stored with the message and shown.
    expect(cardText(card)).toContain('Language: English (en)');
    expect(cardText(card)).toMatch(/Sentiment: \S+ (very negative|negative|neutral|positive) \([+-]?\d\.\d\d\)/u);
    expect([...cardButtons(card).keys()]).toEqual(expect.arrayContaining(['sb:approve', 'sb:hide']));

    const stored = await ctx.services.database.db.selectFrom('cards').selectAll().executeTakeFirstOrThrow();
    expect(stored.draft).toBeTruthy();
    const decisions = await ctx.services.database.db.selectFrom('decisions').selectAll().execute();
    const handoff = decisions.find((decision) => decision.kind === 'handoff');
    expect(handoff?.matched.map((term) => term.toLowerCase())).toContain('refund');
    // Every decision has its audit line: which rule, what it decided, the words it matched.
    const audit = await ctx.services.database.db.selectFrom('audit_log').selectAll().where('action', 'like', 'decided:%').execute();
    expect(audit).toHaveLength(decisions.length);
    const handoffAudit = audit.find((line) => line.detail && (line.detail as { decisionId?: string }).decisionId === handoff?.id);
    expect(handoffAudit).toMatchObject({
      actor: `rule:${handoff?.rule}`,
      action: 'decided:handoff',
      subject_type: 'message',
      subject_id: handoff?.message_id,
    });
    expect((handoffAudit?.detail as { matched: string[] } | undefined)?.matched).toEqual(handoff?.matched);

    const press = await pressButton(ctx.app.url!, ctx.services.slack, card, 'approve', USERS.alice, 'approve-1');
    expect(press.status).toBe(200);

    const replies = await eventually(async () => {
      const found = ctx.services.graph.repliesTo(commentId);
      return found.length > 0 ? found : undefined;
    }, 'the reply on Facebook');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.message).toBe(stored.draft);
    expect(replies[0]!.from.id).toBe(PAGE_ID);

    const updated = await eventually(async () => {
      const message = cardsIn(ctx.services)[0];
      return message && cardText(message).includes(USERS.alice.id) && cardText(message).includes('✅') ? message : undefined;
    }, 'the card to name Alice and show success');
    expect(cardButtons(updated).has('sb:approve')).toBe(false);
    expect(cardsIn(ctx.services)).toHaveLength(1);

    const conversation = await ctx.services.database.db.selectFrom('conversations').selectAll().executeTakeFirstOrThrow();
    expect(conversation.first_response_by).toBe('human');
  });

  it('shows a Facebook error on the card in words and lets the action be retried', async () => {
    const otherComment = `${POST_ID.split('_')[1]}_440000000000002`;
    ctx.services.graph.addComment({
      id: otherComment,
      from: { id: '6100000000000043', name: 'Lee Park' },
      message: 'This is a complaint',
      postId: POST_ID,
    });
    await postMeta(
      ctx.app.url!,
      commentAdded({
        commentId: otherComment,
        message: 'I have a complaint about my refund',
        from: { id: '6100000000000043', name: 'Lee Park' },
      }),
    );
    const card = await eventually(async () => cardsIn(ctx.services).find((m) => cardText(m).includes('Lee Park')), 'second card');

    ctx.services.graph.failNext(`/${otherComment}/comments`, {
      status: 400,
      body: {
        error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190, error_subcode: 463 },
      },
    });
    await pressButton(ctx.app.url!, ctx.services.slack, card, 'approve', USERS.bob, 'approve-2');
    const failed = await eventually(async () => {
      const message = cardsIn(ctx.services).find((m) => m.ts === card.ts);
      return message && cardText(message).includes('❌') && cardButtons(message).has('sb:approve') ? message : undefined;
    }, 'the card to show the failure and offer Approve again');
    expect(cardText(failed)).toMatch(/token/iu);
    expect(cardButtons(failed).has('sb:approve')).toBe(true);
    expect(ctx.services.graph.repliesTo(otherComment)).toHaveLength(0);

    await pressButton(ctx.app.url!, ctx.services.slack, failed, 'approve', USERS.bob, 'approve-3');
    await eventually(async () => ctx.services.graph.repliesTo(otherComment).length === 1, 'the retried reply');
    expect(ctx.services.graph.repliesTo(otherComment)).toHaveLength(1);
  });
});
