import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Running } from '../../../src/main.js';
import { defaultPlaybookPath } from '../../../src/playbook/index.js';
import { findStaleWork } from '../../../src/store/stale-work.js';
import { feedCommentChange, PAGE_ID, pageBody, pageEntry } from '../../fixtures/meta.js';
import { CARD_CHANNEL, eventually, notesOn, postMeta, startApp, useServices, type Services } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardText } from '../../support/slack-press.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';

/*
 * A comment storm on one post: the sixth comment in 30 minutes raises the post's storm card (the default
 * playbook's post-volume rule, a `scope: post` handoff); the routine handoffs after it fold into that card
 * instead of each posting a card behind Slack's rate limit. Comments carry the current time, so the
 * post's 30-minute window counts them.
 */

const STORMS = 200;
const BODY_CHANGES = 20;

let sequence = 0;
const comment = (postId: string, text: string) => {
  sequence += 1;
  const n = String(sequence).padStart(6, '0');
  return feedCommentChange({
    postId,
    commentId: `${postId.split('_')[1]}_9${n}`,
    from: { id: `6490000${n}`, name: `Storm Person ${n}` },
    message: text,
    createdTime: Math.floor(Date.now() / 1000),
  });
};

/** Comments delivered as Meta batches them: several changes in one signed webhook. */
const deliver = async (app: Running, changes: ReturnType<typeof comment>[]) => {
  for (let start = 0; start < changes.length; start += BODY_CHANGES) {
    const answer = await postMeta(app.url!, pageBody(pageEntry(changes.slice(start, start + BODY_CHANGES))));
    expect(answer.status).toBe(200);
  }
};

/** Five ordinary comments, then the sixth that raises the storm card; resolves with the storm card's Slack message. */
const raiseStorm = async (services: Services, app: Running, postId: string) => {
  await deliver(
    app,
    Array.from({ length: 6 }, (_, i) => comment(postId, `Great photo, number ${i + 1} of the day`)),
  );
  return eventually(
    async () =>
      services.slack
        .messagesIn(CARD_CHANNEL)
        .find(
          (message) => message.thread_ts === undefined && cardText(message).includes('post-volume') && cardText(message).includes(postId),
        ),
    'the storm card',
  );
};

/** Routine handoffs (the default playbook's handoff-negative: priority normal, no escalation, not a lead). */
const complaints = (postId: string, count: number, firstOrder = 80_000_000) =>
  Array.from({ length: count }, (_, i) => comment(postId, `Terrible quality, awful, so disappointed (order ${firstOrder + i})`));

/** Cards of this post's messages, and how many of their placements were folded. */
const foldCounts = async (services: Services, postId: string) => {
  const row = await services.database.db
    .selectFrom('cards as c')
    .innerJoin('messages as m', 'm.id', 'c.message_id')
    .innerJoin('card_placements as p', 'p.card_id', 'c.id')
    .select(({ fn }) => [fn.countAll<string>().as('cards'), fn.count<string>('p.folded_into').as('folded')])
    .where('m.post_id', '=', postId)
    .executeTakeFirstOrThrow();
  return { cards: Number(row.cards), folded: Number(row.folded) };
};

const chatCalls = (services: Services) => services.slack.callsTo('chat.postMessage').length + services.slack.callsTo('chat.update').length;

describe('a comment storm on one post', () => {
  const context = useServices();
  let playbook: string | undefined;
  let firstFolded: ReturnType<typeof comment>['value'] | undefined;
  afterAll(() => {
    if (playbook) rmSync(playbook, { force: true });
  });

  it(`folds ${STORMS} routine handoffs into the post's storm card: one card, a bounded number of chat calls, every card kept`, async () => {
    const { services } = context;
    const app = await startApp(services);
    context.running.push(app);
    const postId = `${PAGE_ID}_229900000000001`;
    const storm = await raiseStorm(services, app, postId);
    const before = chatCalls(services);

    const storming = complaints(postId, STORMS);
    firstFolded = storming[0]!.value;
    await deliver(app, storming);
    await eventually(async () => (await foldCounts(services, postId)).folded === STORMS, `${STORMS} folded cards`, 60_000);
    await eventually(() => queuesIdle(services), 'the queues to drain', 60_000);

    // Every handoff is still a card in Postgres (SLA, /sla, /kpi), but the channel shows the storm card alone.
    expect(await foldCounts(services, postId)).toEqual({ cards: STORMS + 1, folded: STORMS });
    const cards = services.slack.messagesIn(CARD_CHANNEL).filter((message) => message.thread_ts === undefined);
    expect(cards.filter((message) => cardText(message).includes('handoff-negative'))).toHaveLength(0);
    const shown = cardText(services.slack.messagesIn(CARD_CHANNEL).find((message) => message.ts === storm.ts)!);
    expect(shown).toContain(`${STORMS} handoffs on this post folded into this card`);
    expect(shown).toContain(`handoff-negative ×${STORMS}`);
    expect(shown).toContain('sb:unfold');

    // The reconciler does not take a folded card for one that never got posted.
    expect(await findStaleWork(services.database.db, 'cards', new Date(Date.now() + 60_000), 1_000)).toEqual([]);

    // Its thread lists each folded card once, several to a message.
    const lines = notesOn(services, storm.ts).flatMap((note) => note.text.split('\n').filter((line) => line.startsWith('• #')));
    expect(lines).toHaveLength(STORMS);
    expect(new Set(lines).size).toBe(STORMS);

    // Coalesced: a storm card update and a few thread messages every few seconds, not a post per card.
    const calls = chatCalls(services) - before;
    expect(calls).toBeLessThanOrEqual(40);
  }, 120_000);

  it('posts a folded card on its own once an edit makes it urgent', async () => {
    const { services, running } = context;
    const folded = firstFolded!;
    const edit = {
      ...feedCommentChange({ ...folded, postId: folded.post_id, commentId: folded.comment_id, createdTime: folded.created_time }),
      value: { ...folded, verb: 'edited', message: 'Still waiting. I will sue you, my lawyer is ready' },
    };
    const answer = await postMeta(running[0]!.url!, pageBody(pageEntry([edit])));
    expect(answer.status).toBe(200);
    const posted = await eventually(
      async () =>
        services.slack
          .messagesIn(CARD_CHANNEL)
          .find((message) => message.thread_ts === undefined && cardText(message).includes('my lawyer is ready')),
      'the edited card posted on its own',
    );
    expect(cardText(posted)).toContain('urgent');
  }, 60_000);

  it("honours Slack's 429 on the storm card's update: it waits as told, then shows what folded", async () => {
    const { services, running } = context;
    const app = running[0]!;
    const postId = `${PAGE_ID}_229900000000003`;
    const storm = await raiseStorm(services, app, postId);
    const updates = services.slack.callsTo('chat.update').length;
    services.slack.rateLimitNext('chat.update', 1);
    await deliver(app, complaints(postId, 3, 82_000_000));
    await eventually(
      async () =>
        cardText(services.slack.messagesIn(CARD_CHANNEL).find((message) => message.ts === storm.ts)!).includes('3 handoffs on this post'),
      'the storm card updated after the rate limit',
    );
    const [first, ...then] = services.slack
      .callsTo('chat.update')
      .slice(updates)
      .map((call) => call.status);
    expect(first).toBe(429);
    expect(then.length).toBeGreaterThan(0);
    expect(then.every((status) => status === 200)).toBe(true);
  }, 60_000);

  it('posts an escalation on the storm post on its own, and with fold: false every routine card too', async () => {
    const { services } = context;
    const spec = parse(readFileSync(defaultPlaybookPath(), 'utf8')) as { rules: { id: string; then: Record<string, unknown>[] }[] };
    for (const action of spec.rules.find((rule) => rule.id === 'post-volume')!.then) {
      if (action.handoff) action.handoff = { ...(action.handoff as object), fold: false };
    }
    playbook = writeTestPlaybook({ rules: spec.rules });
    await context.running.pop()?.stop();
    const app = await startApp(services, { env: { SWITCHBOARD_PLAYBOOK: playbook } });
    context.running.push(app);

    // The first storm card is still open: an escalation on its post is never folded.
    const firstPost = `${PAGE_ID}_229900000000001`;
    await deliver(app, [comment(firstPost, 'I will sue you, my lawyer is ready')]);
    await eventually(
      async () =>
        services.slack
          .messagesIn(CARD_CHANNEL)
          .find((message) => message.thread_ts === undefined && cardText(message).includes('escalate-legal')),
      'the escalation posted as its own card',
    );

    // fold: false: a new storm card, and the refunds after it each posted as a card of their own.
    const postId = `${PAGE_ID}_229900000000002`;
    await raiseStorm(services, app, postId);
    await deliver(app, complaints(postId, 3, 81_000_000));
    await eventually(
      async () =>
        services.slack
          .messagesIn(CARD_CHANNEL)
          .filter((message) => message.thread_ts === undefined && /order 8100000[0-2]\b/u.test(cardText(message))).length === 3,
      'three routine cards posted on their own',
    );
    expect((await foldCounts(services, postId)).folded).toBe(0);
  }, 120_000);
});
