import { describe, expect, it } from 'vitest';
import { commentAdded, commentEdited, commentRemoved, CREATED_TIME, POST_ID } from '../fixtures/meta.js';
import type { SlackMessage } from '../fakes/fake-slack.js';
import { cardsIn, eventually, postMeta, useApp } from '../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../support/slack-press.js';

const ctx = useApp();

let sequence = 0;
/** A fresh comment and author per test: one test's history never counts in another's decisions. */
const newComment = (name: string) => {
  sequence += 1;
  const n = String(sequence).padStart(2, '0');
  return { commentId: `${POST_ID.split('_')[1]}_5500000000000${n}`, from: { id: `61000000055${n}`, name } };
};

const db = () => ctx.services.database.db;

const post = async (body: unknown) => expect((await postMeta(ctx.app.url!, body)).status).toBe(200);

/** The comment arrives on Facebook and through the webhook, and its event is processed. */
const commentArrives = async (comment: ReturnType<typeof newComment>, message: string) => {
  ctx.services.graph.addComment({ id: comment.commentId, from: comment.from, message, postId: POST_ID });
  await post(commentAdded({ ...comment, message }));
  await eventualProcessed(`facebook:comment:add:${comment.commentId}`);
};

const eventualProcessed = (dedupeKey: string) =>
  eventually(
    async () =>
      db()
        .selectFrom('inbound_events')
        .select('id')
        .where('dedupe_key', '=', dedupeKey)
        .where('processed_at', 'is not', null)
        .executeTakeFirst(),
    `event ${dedupeKey} to be processed`,
  );

/** Every is_hidden the Page set on the comment, in order. */
const visibilityCalls = (commentId: string) =>
  ctx.services.graph.calls
    .filter((call) => call.method === 'POST' && call.path === `/${commentId}` && 'is_hidden' in call.body)
    .map((call) => String(call.body.is_hidden));

const isHidden = (commentId: string) => ctx.services.graph.comments.get(commentId)?.isHidden;

const cardOf = (name: string, what: string, check: (message: SlackMessage) => boolean = () => true) =>
  eventually(async () => cardsIn(ctx.services).find((message) => cardText(message).includes(name) && check(message)), what);

const actionsOn = async (commentId: string) =>
  db()
    .selectFrom('actions')
    .select(['kind', 'status', 'requested_by', 'idempotency_key'])
    .where('target', '=', commentId)
    .orderBy('id')
    .execute();

/** Lets the queues run for a moment: what must not happen would have happened by then. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe('a comment edited by its author is decided again', () => {
  it('hides a comment edited to add a link, and unhides it when the link is edited out again', async () => {
    const comment = newComment('Avery Link');
    await commentArrives(comment, 'Love these boots');
    expect(visibilityCalls(comment.commentId)).toEqual([]);

    await post(commentEdited({ ...comment, message: 'Cheap copies at bootdeals.com', createdTime: CREATED_TIME + 60 }));
    await eventually(async () => isHidden(comment.commentId) === true, 'the comment hidden on Facebook');
    const card = await cardOf('Avery Link', 'the card for the hidden link', (message) =>
      cardText(message).includes('Edited by the author'),
    );
    expect(cardText(card)).toContain('Love these boots');

    await post(commentEdited({ ...comment, message: 'Love these boots', createdTime: CREATED_TIME + 120 }));
    await eventually(async () => isHidden(comment.commentId) === false, 'the comment visible again on Facebook');
    expect(visibilityCalls(comment.commentId)).toEqual(['true', 'false']);
    const unhide = await eventually(
      async () => (await actionsOn(comment.commentId)).find((action) => action.kind === 'unhide' && action.status === 'succeeded'),
      'the unhide action to succeed',
    );
    expect(unhide.requested_by).toBe('rule:hide-link');
    expect(unhide?.idempotency_key).toMatch(/-edit-\d+-unhide$/u);
    await cardOf('Avery Link', 'the card to show what the link edit said', (message) =>
      cardText(message).includes('Cheap copies at bootdeals.com'),
    );
  });

  it('does not unhide a comment a person hid', async () => {
    const comment = newComment('Parker Hidden');
    await commentArrives(comment, 'I want a refund for these boots');
    const card = await cardOf('Parker Hidden', 'the refund card');
    await pressButton(ctx.app.url!, ctx.services.slack, card, 'hide', USERS.alice, 'person-hide');
    await eventually(async () => isHidden(comment.commentId) === true, 'the person’s hide on Facebook');
    await cardOf('Parker Hidden', 'the card to offer Unhide', (message) => cardButtons(message).has('sb:unhide'));

    await post(commentEdited({ ...comment, message: 'Never mind, all good now', createdTime: CREATED_TIME + 60 }));
    await cardOf('Parker Hidden', 'the card to show the edit', (message) => cardText(message).includes('Edited by the author'));
    await settle();
    expect(isHidden(comment.commentId)).toBe(true);
    expect(visibilityCalls(comment.commentId)).toEqual(['true']);
    expect((await actionsOn(comment.commentId)).map((action) => action.kind)).not.toContain('unhide');
  });

  it('hands off a comment edited to ask for a refund', async () => {
    const comment = newComment('Riley Refund');
    await commentArrives(comment, 'Nice colours on this one');
    expect(cardsIn(ctx.services).some((message) => cardText(message).includes('Riley Refund'))).toBe(false);

    await post(commentEdited({ ...comment, message: 'Nice colours but they fell apart, I want a refund', createdTime: CREATED_TIME + 60 }));
    const card = await cardOf('Riley Refund', 'the handoff card for the edit');
    expect(cardText(card)).toMatch(/refund/iu);
    expect(cardText(card)).toContain('handoff-refund');
    const decisions = await db()
      .selectFrom('decisions')
      .innerJoin('messages', 'messages.id', 'decisions.message_id')
      .select(['decisions.kind', 'decisions.rule'])
      .where('messages.external_id', '=', comment.commentId)
      .execute();
    expect(decisions).toContainEqual({ kind: 'handoff', rule: 'handoff-refund' });
    // An edit is not a new question: no automatic reply is planned for it.
    const editActions = (await actionsOn(comment.commentId)).filter((action) => action.idempotency_key.includes('-edit-'));
    expect(editActions.map((action) => action.kind)).not.toContain('reply');
  });

  it('a comment its author deleted: the card says so and loses Approve, Edit and Hide, keeping Resolve', async () => {
    const comment = newComment('Dale Deleted');
    await commentArrives(comment, 'I want my money back, this is a refund request');
    const card = await cardOf('Dale Deleted', 'the refund card', (message) => cardButtons(message).has('sb:approve'));
    expect(cardButtons(card).has('sb:hide')).toBe(true);

    await post(commentRemoved({ ...comment, createdTime: CREATED_TIME + 60 }));
    const updated = await cardOf('Dale Deleted', 'the card to say the author deleted it', (message) =>
      cardText(message).includes('Deleted by the author'),
    );
    const buttons = cardButtons(updated);
    for (const gone of ['sb:approve', 'sb:edit', 'sb:hide', 'sb:unhide']) expect(buttons.has(gone)).toBe(false);
    expect(buttons.has('sb:resolve')).toBe(true);
  });

  it('a redelivered edit does nothing twice', async () => {
    const comment = newComment('Jordan Twice');
    await commentArrives(comment, 'Great boots');
    const edit = commentEdited({ ...comment, message: 'Great boots, more at bootdeals.com', createdTime: CREATED_TIME + 60 });
    await Promise.all([post(edit), post(edit)]);
    await eventually(async () => isHidden(comment.commentId) === true, 'the comment hidden on Facebook');
    await cardOf('Jordan Twice', 'the card for the hidden link');
    // The same text again under another delivery (Meta regrouped it): not a new edit either.
    await post(commentEdited({ ...comment, message: 'Great boots, more at bootdeals.com', createdTime: CREATED_TIME + 61 }));
    await post(edit);
    await settle();

    expect(visibilityCalls(comment.commentId)).toEqual(['true']);
    expect((await actionsOn(comment.commentId)).filter((action) => action.kind === 'hide')).toHaveLength(1);
    expect(cardsIn(ctx.services).filter((message) => cardText(message).includes('Jordan Twice'))).toHaveLength(1);
    const events = await db()
      .selectFrom('inbound_events')
      .select('processed_at')
      .where('dedupe_key', 'like', `facebook:comment:edit:${comment.commentId}:%`)
      .execute();
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.processed_at !== null)).toBe(true);
  });
});
