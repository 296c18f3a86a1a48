import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, PAGE_ID, POST_ID } from '../../fixtures/meta.js';
import { CARD_CHANNEL, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardText, pressButton, USERS } from '../../support/slack-press.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';

/** A second Page the playbook maps: its own name, its own token (by variable name) and its own card channel. */
const SHOP2 = { id: '104857600000002', name: 'Acme Shoes Outlet', token: 'EAAG-outlet-page-token', channel: 'C0OUTLET' };
const SHOP2_POST = `${SHOP2.id}_330000000000001`;

let services: Services;
let app: Running;
let playbook: string | undefined;

beforeAll(async () => {
  services = await startServices();
  services.graph.addToken(SHOP2.token, { id: SHOP2.id, name: SHOP2.name });
  playbook = writeTestPlaybook({
    accounts: [
      {
        platform: 'facebook',
        id: SHOP2.id,
        name: SHOP2.name,
        token_env: 'META_TOKEN_OUTLET',
        card_channels: { slack: SHOP2.channel },
      },
    ],
  });
  app = await startApp(services, { env: { SWITCHBOARD_PLAYBOOK: playbook, META_TOKEN_OUTLET: SHOP2.token } });
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
  if (playbook) rmSync(playbook, { force: true });
});

const topLevel = (channel: string) =>
  services.slack.messagesIn(channel).filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);

it('a mapped Page’s card goes to its own channel under its name, and Approve replies with its own token', async () => {
  const commentId = `${SHOP2_POST.split('_')[1]}_900000000000001`;
  const author = { id: '6200000000000001', name: 'Outlet Customer' };
  services.graph.addComment({ id: commentId, from: author, message: 'I want a refund please', postId: SHOP2_POST });
  const body = commentAdded({ pageId: SHOP2.id, postId: SHOP2_POST, commentId, message: 'I want a refund please', from: author });
  expect((await postMeta(app.url!, body)).status).toBe(200);

  const card = await eventually(async () => topLevel(SHOP2.channel).find((message) => cardText(message).includes(author.name)), 'the card');
  expect(topLevel(CARD_CHANNEL).some((message) => cardText(message).includes(author.name))).toBe(false);
  // The card names the account as the playbook does.
  expect(cardText(card)).toContain(SHOP2.name);
  await eventually(
    () => services.database.db.selectFrom('card_placements').select('card_id').where('chat_message_id', '=', card.ts).executeTakeFirst(),
    'the card to be recorded',
  );
  await pressButton(app.url!, services.slack, card, 'approve', USERS.alice, 'approve');
  const reply = await eventually(async () => services.graph.repliesTo(commentId)[0], 'the reply');
  // The fake Graph answers as the token's owner: the outlet's token, not META_PAGE_ACCESS_TOKEN.
  expect(reply.from.id).toBe(SHOP2.id);
});

it('a Page the playbook does not map keeps the default channel and token', async () => {
  const commentId = `${POST_ID.split('_')[1]}_900000000000002`;
  const author = { id: '6200000000000002', name: 'Main Customer' };
  services.graph.addComment({ id: commentId, from: author, message: 'refund please', postId: POST_ID });
  expect((await postMeta(app.url!, commentAdded({ commentId, message: 'I want a refund please', from: author }))).status).toBe(200);
  const card = await eventually(async () => topLevel(CARD_CHANNEL).find((message) => cardText(message).includes(author.name)), 'the card');
  await eventually(
    () => services.database.db.selectFrom('card_placements').select('card_id').where('chat_message_id', '=', card.ts).executeTakeFirst(),
    'the card to be recorded',
  );
  await pressButton(app.url!, services.slack, card, 'approve', USERS.alice, 'approve-main');
  const reply = await eventually(async () => services.graph.repliesTo(commentId)[0], 'the reply');
  expect(reply.from.id).toBe(PAGE_ID);
  await eventually(() => queuesIdle(services), 'the queues to drain');
  expect(topLevel(SHOP2.channel).some((message) => cardText(message).includes(author.name))).toBe(false);
});
