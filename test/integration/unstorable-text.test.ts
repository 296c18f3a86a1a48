import { describe, expect, it } from 'vitest';
import { commentAdded, POST_ID } from '../fixtures/meta.js';
import { cardsIn, eventually, postMeta, useApp } from '../support/app-harness.js';
import { cardText } from '../support/slack-press.js';

const ctx = useApp();

const commentId = (n: number) => `${POST_ID.split('_')[1]}_45000000000000${n}`;

describe('text Postgres cannot store as it is', () => {
  it('A comment with U+0000 gets 200 and a card', async () => {
    const body = commentAdded({
      commentId: commentId(1),
      message: 'I want a refund\u0000 now',
      from: { id: '6100000000000051', name: 'Ana\u0000 Ruiz' },
    });
    const answer = await postMeta(ctx.app.url!, body);
    expect(answer.status).toBe(200);

    const card = await eventually(async () => cardsIn(ctx.services).find((message) => cardText(message).includes('Ana')), 'the card');
    expect(cardText(card)).toContain('I want a refund\uFFFD now');
    const stored = await ctx.services.database.db
      .selectFrom('messages')
      .select('text')
      .where('external_id', '=', commentId(1))
      .executeTakeFirstOrThrow();
    expect(stored.text).toBe('I want a refund\uFFFD now');

    // A redelivery of the same body is recognised, not stored twice.
    expect((await postMeta(ctx.app.url!, body)).json).toMatchObject({ received: 1, duplicates: 1 });
  });

  it('a comment with lone surrogates gets 200 and a card, and a pair (an emoji) is kept', async () => {
    const answer = await postMeta(
      ctx.app.url!,
      commentAdded({
        commentId: commentId(2),
        message: 'refund \uD83D please \uDE00 or 😀',
        from: { id: '6100000000000052', name: 'Bo \uDC00Lind' },
      }),
    );
    expect(answer.status).toBe(200);
    const card = await eventually(async () => cardsIn(ctx.services).find((message) => cardText(message).includes('Lind')), 'the card');
    expect(cardText(card)).toContain('refund \uFFFD please \uFFFD or 😀');
    expect(cardText(card)).toContain('Bo \uFFFDLind');
  });
});
