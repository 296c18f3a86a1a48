import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { postSigned, slashCommandRequest } from '../../fixtures/slack.js';
import {
  CARD_CHANNEL,
  cardsIn,
  eventually,
  postMeta,
  SIGNING_SECRET,
  startApp,
  startServices,
  type Services,
} from '../../support/app-harness.js';
import { USERS } from '../../support/slack-press.js';

let services: Services;
let app: Running;

beforeAll(async () => {
  services = await startServices();
  app = await startApp(services);
  for (const n of [1, 2]) {
    await postMeta(
      app.url!,
      commentAdded({
        commentId: `${POST_ID.split('_')[1]}_14000000000000${n}`,
        message: `I want a refund for order ${n}`,
        from: { id: `63000000000000${n}`, name: `Buyer ${n}` },
        createdTime: Math.floor(Date.now() / 1000),
      }),
    );
  }
  await eventually(async () => cardsIn(services).length === 2, 'two cards');
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
});

const slash = (command: string, text: string, id: string) =>
  postSigned(
    `${app.url}/slack/events`,
    slashCommandRequest({
      signingSecret: SIGNING_SECRET,
      command,
      text,
      user: USERS.alice,
      channel: CARD_CHANNEL,
      responseUrl: services.slack.responseUrl(id),
      triggerId: `t-${id}`,
    }),
  );

/** The answer arrives on the acknowledgement or, when slow, through response_url. */
const answerOf = async (response: { text: string }, id: string): Promise<string> => {
  const acked = response.text ? (JSON.parse(response.text) as { text?: string }) : {};
  if (acked.text && !acked.text.startsWith('Working on it')) return JSON.stringify(acked);
  return JSON.stringify(await eventually(async () => services.slack.responses(id)[0], 'the delayed answer'));
};

describe('/sla and /kpi through the running app', () => {
  it('/sla lists the two waiting conversations', async () => {
    const response = await slash('/sla', '', 'sla');
    expect(response.status).toBe(200);
    const answer = await answerOf(response, 'sla');
    expect(answer).toMatch(/2/u);
    expect(answer).toMatch(/waiting|open/iu);
  });

  it('/kpi 7d answers with volume and first response figures', async () => {
    const response = await slash('/kpi', '7d', 'kpi');
    expect(response.status).toBe(200);
    const answer = await answerOf(response, 'kpi');
    expect(answer).toMatch(/facebook/iu);
    expect(answer).toMatch(/first response/iu);
  });

  it('/kpi with a bad period answers with usage, privately', async () => {
    const response = await slash('/kpi', 'last tuesday', 'bad');
    const acked = JSON.parse(response.text) as { text: string; response_type: string };
    expect(acked.response_type).toBe('ephemeral');
    expect(acked.text).toMatch(/Usage: `\/kpi/u);
  });

  it('the weekly digest job posts a report to the card channel', async () => {
    await app.stop();
    app = await startApp(services);
    const before = cardsIn(services).length;
    const { Queue } = await import('bullmq');
    const { Redis } = await import('ioredis');
    const connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('timers', { connection, prefix: services.redis.prefix });
    await queue.add('timers', { kind: 'digest' }, { jobId: 'digest-now' });
    await queue.close();
    connection.disconnect();
    const digest = await eventually(async () => cardsIn(services).length > before && cardsIn(services).at(-1), 'the digest post');
    expect(digest.text).toMatch(/week/iu);
  });
});
