import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../../src/config.js';
import { createQueues, redisForQueues, type Queues } from '../../../src/jobs/queues.js';
import { createLogger, silentLogger } from '../../../src/logger.js';
import { run, type Running } from '../../../src/main.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { blockActionRequest, postSigned } from '../../fixtures/slack.js';
import { CARD_CHANNEL, cardsIn, eventually, postMeta, SIGNING_SECRET, type Services, startServices } from '../../support/app-harness.js';
import { cardButtons, cardText, type USERS } from '../../support/slack-press.js';
import { uniqueName } from '../../support/isolated.js';

/** A playbook whose rules act at each autonomy level. */
export const AUTONOMY_PLAYBOOK = `version: 1
templates:
  price: { en: "Our prices are on the shop page: {{shop_url}}" }
  thanks: { en: "Thank you so much for the kind words!" }
  refund: { en: "Sorry to hear that: we will sort out your refund." }
variables:
  shop_url: https://shop.example.com
rules:
  - id: price-question
    when: { keywords: [price, cost] }
    then: [{ draft: price }]
    autonomy: veto
    veto_after: 2m
  - id: spam-link
    when: { keywords: [crypto giveaway] }
    then: [{ hide: true }]
    autonomy: auto
    undo_window: 10m
  - id: thanks
    when: { keywords: [thank you, love it] }
    then: [{ draft: thanks }]
    autonomy: auto
  - id: refund
    when: { keywords: [refund] }
    then: [{ draft: refund }]
`;

/** A clock the test moves by hand: the deadlines are computed from it, and the worker reads it. */
export interface TestClock {
  now: () => Date;
  advance: (ms: number) => void;
}

const testClock = (): TestClock => {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
};

export interface AutonomyApp {
  services: Services;
  app: Running;
  clock: TestClock;
  queues: Queues;
  config: Readonly<Config>;
}

/** Services plus the app on the autonomy playbook (or another), with a clock the test controls. */
export const useAutonomyApp = (playbook = AUTONOMY_PLAYBOOK): AutonomyApp => {
  const context = {} as AutonomyApp & { playbookPath: string };
  beforeAll(async () => {
    context.playbookPath = join(tmpdir(), `${uniqueName('autonomy')}.yaml`);
    writeFileSync(context.playbookPath, playbook);
    context.clock = testClock();
    context.services = await startServices();
    const config = context.services.config({ SWITCHBOARD_PLAYBOOK: context.playbookPath });
    context.config = config;
    context.app = await run({
      config,
      web: true,
      worker: true,
      logger: process.env.TEST_LOGS ? createLogger(process.env.TEST_LOGS, process.stderr) : silentLogger(),
      now: context.clock.now,
    });
    context.queues = createQueues(redisForQueues(context.services.redis.url), context.services.redis.prefix, context.clock.now);
  });
  afterAll(async () => {
    await context.app?.stop();
    await context.queues?.close();
    await context.services?.close();
    rmSync(context.playbookPath, { force: true });
  });
  return context;
};

let nextComment = 0;

/** A new Facebook comment, known to the fake Graph and delivered as Meta signs it; returns its id. */
export const comment = async (ctx: AutonomyApp, message: string): Promise<string> => {
  nextComment += 1;
  const commentId = `${POST_ID.split('_')[1]}_77000000000${String(nextComment).padStart(4, '0')}`;
  const from = { id: `61000000000${String(nextComment).padStart(4, '0')}`, name: `Fan ${nextComment}` };
  ctx.services.graph.addComment({ id: commentId, from, message, postId: POST_ID });
  const answer = await postMeta(ctx.app.url!, commentAdded({ commentId, message, from }));
  if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`);
  return commentId;
};

/** The card posted for a comment whose text includes `words`. */
export const cardFor = (ctx: AutonomyApp, words: string, what = 'the card') =>
  eventually(async () => cardsIn(ctx.services).find((message) => cardText(message).includes(words)), what);

/** The veto timer fires now, as if its delay had run out (the test's clock decides whether it is due). */
export const fireVetoTimer = async (ctx: AutonomyApp, vetoId: string): Promise<void> => {
  const queue = new Queue('timers', { connection: ctx.queues.connection, prefix: ctx.services.redis.prefix });
  try {
    const job = await eventually(async () => queue.getJob(`veto-${vetoId}`), 'the veto timer');
    if ((await job.getState()) === 'delayed') await job.promote();
  } finally {
    await queue.close();
  }
};

/** Press a button as Slack delivers it, signed at the test clock's time (Slack's clock and ours agree). */
export const pressAtClock = (
  ctx: AutonomyApp,
  message: SlackMessage,
  button: string,
  user: (typeof USERS)['alice'],
  responseId: string,
) => {
  const element = cardButtons(message).get(`sb:${button}`);
  if (!element?.value) throw new Error(`the message has no ${button} button`);
  return postSigned(
    `${ctx.app.url}/slack/events`,
    blockActionRequest({
      signingSecret: SIGNING_SECRET,
      timestamp: Math.floor(ctx.clock.now().getTime() / 1000),
      user,
      actionId: element.action_id,
      value: element.value,
      channel: CARD_CHANNEL,
      messageTs: message.ts,
      responseUrl: ctx.services.slack.responseUrl(responseId),
      triggerId: `trigger-${responseId}`,
      message: { text: message.text, blocks: message.blocks ?? [] },
    }),
  );
};

/** The veto held on a comment's reply. */
export const vetoOn = (ctx: AutonomyApp, commentId: string) =>
  eventually(
    async () =>
      ctx.services.database.db
        .selectFrom('autonomy_vetoes')
        .innerJoin('messages', 'messages.id', 'autonomy_vetoes.message_id')
        .selectAll('autonomy_vetoes')
        .where('messages.external_id', '=', commentId)
        .executeTakeFirst(),
    'the held reply',
  );
