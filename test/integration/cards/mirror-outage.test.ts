import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardText } from '../../support/slack-press.js';
import { type InMemoryDiscord, inMemoryDiscord } from './in-memory-discord.js';

/**
 * A mirrored card whose second chat is down: a Discord-shaped chat behind our ChatAdapter port that
 * fails its next posts (an outage the real REST client would surface the same way, as an error).
 */
let services: Services;
let app: Running;
let discord: InMemoryDiscord;

beforeAll(async () => {
  services = await startServices();
  discord = inMemoryDiscord({ cards: '1100000000000000001', escalation: '1100000000000000002', mention: '<@&1300000000000000001>' });
  app = await startApp(services, { chats: (registered) => [...registered, discord.chat] });
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
});

it('a chat that fails to post holds back only its own copy, which is posted once when it recovers', async () => {
  discord.failNextPosts(2);
  const author = { id: '6100000000009001', name: 'Outage Person' };
  const commentId = `${POST_ID.split('_')[1]}_860000000000001`;
  services.graph.addComment({ id: commentId, from: author, message: 'I need a refund for the broken strap', postId: POST_ID });
  expect(
    (await postMeta(app.url!, commentAdded({ commentId, message: 'I need a refund for the broken strap', from: author }))).status,
  ).toBe(200);

  await eventually(async () => cardsIn(services).find((message) => cardText(message).includes(author.name)), 'the Slack card');
  await eventually(
    async () => discord.messages.find((message) => message.card?.author.name === author.name),
    'the Discord card, once it recovers',
  );
  await eventually(() => queuesIdle(services), 'the queues to drain');
  expect(discord.messages.filter((message) => message.card?.author.name === author.name)).toHaveLength(1);
  expect(cardsIn(services).filter((message) => cardText(message).includes(author.name))).toHaveLength(1);
  const placements = await services.database.db.selectFrom('card_placements').select(['chat', 'chat_message_id']).orderBy('chat').execute();
  expect(placements.map((placement) => [placement.chat, placement.chat_message_id !== null])).toEqual([
    ['discord', true],
    ['slack', true],
  ]);
});
