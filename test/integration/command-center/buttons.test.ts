import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { postSigned, viewSubmissionRequest } from '../../fixtures/slack.js';
import {
  cardsIn,
  eventually,
  notesOn,
  postMeta,
  SIGNING_SECRET,
  startApp,
  startServices,
  type Services,
} from '../../support/app-harness.js';
import { completedResults, queuesIdle } from '../../support/queue-state.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';

const ESCALATION_CHANNEL = 'C0ESCALATE';
const MENTION = '<!subteam^S0FOUNDERS>';
let services: Services;
let app: Running;
let playbook: string;

beforeAll(async () => {
  services = await startServices();
  // Every button, Block included (which needs a role the playbook grants), for every member.
  playbook = writeTestPlaybook({ team: { roles: { lead: ['all'] }, default_role: 'lead' } });
  app = await startApp(services, {
    env: { SLACK_ESCALATION_CHANNEL: ESCALATION_CHANNEL, SLACK_ESCALATION_MENTION: MENTION, SWITCHBOARD_PLAYBOOK: playbook },
  });
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
  rmSync(playbook, { force: true });
});

let sequence = 0;
/** A fresh refund comment and its posted card. */
const newCard = async (text = 'I want a refund please') => {
  sequence += 1;
  const commentId = `${POST_ID.split('_')[1]}_12000000000000${sequence}`;
  const author = { id: `610000000000${sequence}`, name: `Customer ${sequence}` };
  services.graph.addComment({ id: commentId, from: author, message: text, postId: POST_ID });
  await postMeta(app.url!, commentAdded({ commentId, message: text, from: author }));
  const card = await eventually(async () => cardsIn(services).find((message) => cardText(message).includes(author.name)), 'the card');
  // Slack answers chat.postMessage before the worker records the ts on the card row.
  const row = await eventually(
    () =>
      services.database.db
        .selectFrom('cards')
        .innerJoin('card_placements as p', 'p.card_id', 'cards.id')
        .select(['cards.id', 'cards.version'])
        .where('p.chat_message_id', '=', card.ts)
        .executeTakeFirst(),
    'the card row to carry the Slack ts',
  );
  return { card, row, commentId, author };
};

const latest = (card: SlackMessage) => cardsIn(services).find((message) => message.ts === card.ts)!;

/** Wait until the card shows the state the predicate wants (updates are asynchronous). */
const cardWhen = (card: SlackMessage, what: string, predicate: (message: SlackMessage) => boolean) =>
  eventually(async () => {
    const message = latest(card);
    return message && predicate(message) ? message : undefined;
  }, what);

const db = () => services.database.db;

describe('every card button, end to end against the fakes', () => {
  it('Claim assigns the conversation, notes it in the thread and leaves the card', async () => {
    const { card } = await newCard();
    expect((await pressButton(app.url!, services.slack, card, 'claim', USERS.alice, 'claim')).status).toBe(200);
    await cardWhen(card, 'no Claim button', (message) => !cardButtons(message).has('sb:claim'));
    const conversation = await db()
      .selectFrom('conversations')
      .innerJoin('cards', 'cards.conversation_id', 'conversations.id')
      .innerJoin('card_placements as p', 'p.card_id', 'cards.id')
      .select('assignee')
      .where('p.chat_message_id', '=', card.ts)
      .executeTakeFirstOrThrow();
    expect(conversation.assignee).toBe(`slack:${USERS.alice.id}`);
    await eventually(
      async () => notesOn(services, card.ts).some((note) => note.text.includes(`<@${USERS.alice.id}> claimed`)),
      'the claim note',
    );
  });

  it('a press that lands before the card ts is recorded still shows on the card', async () => {
    const release = services.slack.holdNextAnswer('chat.postMessage');
    sequence += 1;
    const commentId = `${POST_ID.split('_')[1]}_12000000000000${sequence}`;
    const author = { id: `610000000000${sequence}`, name: `Customer ${sequence}` };
    services.graph.addComment({ id: commentId, from: author, message: 'I want a refund please', postId: POST_ID });
    await postMeta(app.url!, commentAdded({ commentId, message: 'I want a refund please', from: author }));
    const card = await eventually(async () => cardsIn(services).find((message) => cardText(message).includes(author.name)), 'the card');
    expect((await pressButton(app.url!, services.slack, card, 'claim', USERS.alice, 'claim-early')).status).toBe(200);
    await eventually(
      async () => (await completedResults(services, 'chat')).some((value) => JSON.stringify(value).includes('not_posted')),
      'the card update to find no message yet',
    );
    release();
    await cardWhen(card, 'no Claim button', (message) => !cardButtons(message).has('sb:claim'));
    await eventually(
      async () => notesOn(services, card.ts).some((note) => note.text.includes(`<@${USERS.alice.id}> claimed`)),
      'the claim note, once the card has its ts',
    );
  });

  it('a second card for the same author shows their last month: one earlier message, one past handoff', async () => {
    const author = { id: '6100000000999', name: 'Repeat Customer' };
    for (const n of [1, 2]) {
      const commentId = `${POST_ID.split('_')[1]}_1300000000000${n}`;
      services.graph.addComment({ id: commentId, from: author, message: `I want a refund for order ${n}`, postId: POST_ID });
      await postMeta(app.url!, commentAdded({ commentId, message: `I want a refund for order ${n}`, from: author }));
      await eventually(async () => cardsIn(services).find((message) => cardText(message).includes(`order ${n}`)), `card ${n}`);
    }
    const second = cardsIn(services).find((message) => cardText(message).includes('order 2'))!;
    expect(cardText(second)).toContain('1 recent message');
    expect(cardText(second)).toContain('1 past handoff');
  });

  it('Hide hides on Facebook, then Unhide shows it again', async () => {
    const { card, commentId } = await newCard();
    await pressButton(app.url!, services.slack, card, 'hide', USERS.alice, 'hide');
    const hidden = await cardWhen(card, 'an Unhide button', (message) => cardButtons(message).has('sb:unhide'));
    expect(services.graph.comments.get(commentId)?.isHidden).toBe(true);
    await pressButton(app.url!, services.slack, hidden, 'unhide', USERS.bob, 'unhide');
    await cardWhen(card, 'a Hide button again', (message) => cardButtons(message).has('sb:hide'));
    expect(services.graph.comments.get(commentId)?.isHidden).toBe(false);
    await eventually(
      async () => notesOn(services, card.ts).some((note) => note.text.includes('comment visible again')),
      'the unhide outcome note',
    );
  });

  it('Block asks for confirmation naming the author, then blocks on Facebook', async () => {
    const { card, author } = await newCard();
    const block = cardButtons(card).get('sb:block') as { confirm?: { text?: { text?: string } } } | undefined;
    expect(JSON.stringify(block?.confirm)).toContain(author.name);
    await pressButton(app.url!, services.slack, card, 'block', USERS.alice, 'block');
    await eventually(async () => services.graph.blocked.some((entry) => entry.userId === author.id), 'the block on Facebook');
    await cardWhen(card, 'the card to show the block', (message) => cardText(message).includes('blocked the author'));
  });

  it('Tag lead qualifies, Resolve closes, and a resolved lead can still be marked booked and converted', async () => {
    const { card, author } = await newCard();
    await pressButton(app.url!, services.slack, card, 'tag_lead', USERS.alice, 'lead');
    const tagged = await cardWhen(card, 'no Tag lead button', (message) => !cardButtons(message).has('sb:tag_lead'));
    const contact = await db().selectFrom('contacts').select('tags').where('external_id', '=', author.id).executeTakeFirstOrThrow();
    expect(contact.tags).toContain('lead');

    expect(cardButtons(tagged).has('sb:booked')).toBe(true);

    await pressButton(app.url!, services.slack, tagged, 'resolve', USERS.bob, 'resolve');
    // A resolved lead keeps only the funnel's later steps: the call and the sale come later.
    // A copy: the fake updates its messages in place, and this version is pressed twice below.
    const resolved = structuredClone(
      await cardWhen(
        card,
        'only the lead funnel buttons',
        (message) => [...cardButtons(message).keys()].join() === 'sb:booked,sb:converted',
      ),
    );
    const conversation = await db()
      .selectFrom('conversations')
      .innerJoin('cards', 'cards.conversation_id', 'conversations.id')
      .innerJoin('card_placements as p', 'p.card_id', 'cards.id')
      .select(['conversations.id', 'conversations.state', 'conversations.resolved_at', 'conversations.qualified_at'])
      .where('p.chat_message_id', '=', card.ts)
      .executeTakeFirstOrThrow();
    expect(conversation.state).toBe('resolved');
    expect(conversation.qualified_at).not.toBeNull();
    const stored = await db()
      .selectFrom('cards')
      .innerJoin('card_placements as p', 'p.card_id', 'cards.id')
      .select('draft_outcome')
      .where('p.chat_message_id', '=', card.ts)
      .executeTakeFirstOrThrow();
    expect(stored.draft_outcome).toBe('rejected');

    await pressButton(app.url!, services.slack, resolved, 'booked', USERS.alice, 'booked');
    const booked = await cardWhen(card, 'only Mark converted', (message) => [...cardButtons(message).keys()].join() === 'sb:converted');
    // Pressing the old card's Mark booked again is one press too many: told who was first, nothing changes.
    await pressButton(app.url!, services.slack, resolved, 'booked', USERS.bob, 'booked-again');
    await eventually(async () => (services.slack.responses('booked-again').length > 0 ? true : undefined), 'the too-late answer');
    expect(JSON.stringify(services.slack.responses('booked-again'))).toContain(USERS.alice.id);
    await pressButton(app.url!, services.slack, booked, 'converted', USERS.alice, 'converted');
    await cardWhen(card, 'no buttons left', (message) => cardButtons(message).size === 0);
    const funnel = await db()
      .selectFrom('conversations')
      .select(['state', 'booked_at', 'converted_at'])
      .where('id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    expect(funnel.state).toBe('resolved');
    expect(funnel.booked_at).not.toBeNull();
    expect(funnel.converted_at).not.toBeNull();
  });

  it('Edit opens a modal prefilled with the draft; submitting sends the edited text', async () => {
    const { card, commentId } = await newCard();
    await pressButton(app.url!, services.slack, card, 'edit', USERS.alice, 'edit');
    const opened = await eventually(async () => services.slack.callsTo('views.open').at(-1), 'views.open');
    const view = opened.body.view as { private_metadata: string; blocks: { element?: { initial_value?: string } }[] };
    const stored = await db()
      .selectFrom('cards')
      .innerJoin('card_placements as p', 'p.card_id', 'cards.id')
      .select('draft')
      .where('p.chat_message_id', '=', card.ts)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(view.blocks)).toContain(JSON.stringify(stored.draft).slice(1, 30));

    const submission = viewSubmissionRequest({
      signingSecret: SIGNING_SECRET,
      user: USERS.alice,
      callbackId: 'sb:edit',
      privateMetadata: view.private_metadata,
      values: { sb_draft: { draft: 'So sorry, Customer — we are refunding you today.' } },
    });
    expect((await postSigned(`${app.url}/slack/events`, submission)).status).toBe(200);
    await eventually(async () => services.graph.repliesTo(commentId).length === 1, 'the edited reply');
    expect(services.graph.repliesTo(commentId)[0]!.message).toBe('So sorry, Customer — we are refunding you today.');
    const outcome = await db()
      .selectFrom('cards')
      .innerJoin('card_placements as p', 'p.card_id', 'cards.id')
      .select('draft_outcome')
      .where('p.chat_message_id', '=', card.ts)
      .executeTakeFirstOrThrow();
    expect(outcome.draft_outcome).toBe('edited');
  });

  it('an empty edit is refused in the modal and sends nothing', async () => {
    const { row, commentId } = await newCard();
    const metadata = JSON.stringify({ card: row.id, v: 1 });
    const submission = viewSubmissionRequest({
      signingSecret: SIGNING_SECRET,
      user: USERS.alice,
      callbackId: 'sb:edit',
      privateMetadata: metadata,
      values: { sb_draft: { draft: '   ' } },
    });
    const answer = await postSigned(`${app.url}/slack/events`, submission);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ response_action: 'errors' });
    await eventually(() => queuesIdle(services), 'the queues to drain');
    expect(services.graph.repliesTo(commentId)).toHaveLength(0);
  });

  it('Escalate posts to the escalation channel with a real mention, linking the card; Acknowledge stops it', async () => {
    const { card } = await newCard();
    await pressButton(app.url!, services.slack, card, 'escalate', USERS.alice, 'escalate');
    const alert = await eventually(
      async () => services.slack.messagesIn(ESCALATION_CHANNEL).find((message) => !message.thread_ts || message.thread_ts === message.ts),
      'the escalation alert',
    );
    expect(alert.text.startsWith(MENTION)).toBe(true);
    expect(JSON.stringify(alert.blocks)).toMatch(/Open the card/u);
    expect(cardButtons(alert).has('sb:acknowledge')).toBe(true);

    await pressButton(app.url!, services.slack, alert, 'acknowledge', USERS.bob, 'ack');
    const escalation = await eventually(async () => {
      const row = await db().selectFrom('escalations').selectAll().executeTakeFirst();
      return row?.acknowledged_at ? row : undefined;
    }, 'the acknowledgement');
    expect(escalation.acknowledged_by).toBe(`slack:${USERS.bob.id}`);
    const again = await pressButton(app.url!, services.slack, alert, 'acknowledge', USERS.alice, 'ack-2');
    expect(again.status).toBe(200);
    await eventually(
      async () => JSON.stringify(services.slack.responses('ack-2')).includes('already'),
      'the second acknowledger to be told',
    );
  });

  it('two presses at once on Hide give one platform action', async () => {
    const { card, commentId } = await newCard();
    await Promise.all([
      pressButton(app.url!, services.slack, card, 'hide', USERS.alice, 'h1'),
      pressButton(app.url!, services.slack, card, 'hide', USERS.bob, 'h2'),
    ]);
    await eventually(async () => services.graph.comments.get(commentId)?.isHidden === true, 'the hide');
    await eventually(() => queuesIdle(services), 'the queues to drain');
    const hides = services.graph.calls.filter(
      (call) => call.method === 'POST' && call.path === `/${commentId}` && 'is_hidden' in call.body,
    );
    expect(hides).toHaveLength(1);
  });
});
