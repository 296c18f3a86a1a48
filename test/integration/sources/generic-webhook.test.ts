import { beforeAll, describe, expect, it } from 'vitest';
import { FakeGenericCallback } from '../../fakes/fake-generic-callback.js';
import { GENERIC_SECRET, postGeneric, tiktokComment } from '../../fixtures/generic.js';
import { cardsIn, eventually, notesOn, startApp, useServices } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardText, pressButton, USERS } from '../../support/slack-press.js';

/*
 * The generic source end to end: signed messages in, signed callbacks out. The receiver keeps each
 * idempotency key once, so an action whose answer was lost is confirmed by its key, not done twice;
 * a refusal comes back to the card in the receiver's words.
 */
const context = useServices();
const receiver = new FakeGenericCallback(GENERIC_SECRET);
let appUrl = '';
let serial = 0;

const refund = () => {
  serial += 1;
  return {
    id: `tt-comment-${serial}`,
    authorId: `tt-user-${serial}`,
    authorName: `Robin Generic${serial}`,
    text: `I want a refund, order ${serial} never came`,
  };
};

const cardFor = (name: string) =>
  eventually(async () => cardsIn(context.services).find((card) => cardText(card).includes(name)), `the card for ${name}`);

const storedEvents = async (): Promise<number> => {
  const row = await context.services.database.db
    .selectFrom('inbound_events')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
};

beforeAll(async () => {
  const { url } = await receiver.start();
  const app = await startApp(context.services, { env: { GENERIC_WEBHOOK_SECRET: GENERIC_SECRET, GENERIC_CALLBACK_URL: url } });
  context.running.push(app);
  appUrl = app.url ?? '';
  return () => receiver.close();
});

describe('POST /webhooks/generic', () => {
  it('answers 400 naming the field that is wrong, and stores nothing', async () => {
    const before = await storedEvents();
    const missingAuthor = await postGeneric(appUrl, tiktokComment(refund(), { author: { name: 'No Id' } }));
    expect(missingAuthor.status).toBe(400);
    expect(((await missingAuthor.json()) as { error: string }).error).toMatch(/^author\.id: /u);
    const badKind = await postGeneric(appUrl, tiktokComment(refund(), { kind: 'story' }));
    expect(((await badKind.json()) as { error: string }).error).toMatch(/^kind: /u);
    const builtIn = await postGeneric(appUrl, tiktokComment(refund(), { platform: 'facebook' }));
    expect(builtIn.status).toBe(400);
    expect(((await builtIn.json()) as { error: string }).error).toMatch(/^platform: .*own adapter/u);
    expect(await storedEvents()).toBe(before);
  });

  it('refuses a signature made with another secret, or none, with 401', async () => {
    const before = await storedEvents();
    expect((await postGeneric(appUrl, tiktokComment(refund()), { secret: 'guessed' })).status).toBe(401);
    const unsigned = await fetch(`${appUrl}/webhooks/generic`, { method: 'POST', body: JSON.stringify(tiktokComment(refund())) });
    expect(unsigned.status).toBe(401);
    expect(await storedEvents()).toBe(before);
  });

  it('accepts any platform name: a LinkedIn DM makes a card that says LinkedIn', async () => {
    const message = refund();
    const answer = await postGeneric(
      appUrl,
      tiktokComment(message, { platform: 'LinkedIn', kind: 'dm', thread_id: 'li-thread-1', post: undefined }),
    );
    expect(answer.status).toBe(200);
    expect(cardText(await cardFor(message.authorName))).toContain('Linkedin');
  });
});

describe('the generic callback', () => {
  it('confirms an action whose answer was lost by its idempotency key instead of doing it twice', async () => {
    const message = refund();
    await postGeneric(appUrl, tiktokComment(message));
    const card = await cardFor(message.authorName);
    receiver.dropNextAnswer();
    await pressButton(appUrl, context.services.slack, card, 'approve', USERS.alice, `${message.id}-approve`);
    await eventually(
      async () => notesOn(context.services, card.ts).find((note) => note.text?.includes('reply sent')),
      'the reply confirmed on the card',
    );
    await eventually(() => queuesIdle(context.services), 'the queues to go idle');
    const calls = receiver.calls.filter((call) => call.body.target.message_id === message.id);
    expect(calls.length).toBeGreaterThan(1);
    expect(new Set(calls.map((call) => call.key)).size).toBe(1);
    expect(calls.every((call) => call.signatureValid && call.body.idempotency_key === call.key)).toBe(true);
    expect(receiver.effectsOn(message.id, 'reply')).toHaveLength(1);
  });

  it('shows a refusal on the card in the receiver’s words, and does not retry it', async () => {
    const message = refund();
    receiver.refuse(message.id, 'comments on this TikTok video are turned off');
    await postGeneric(appUrl, tiktokComment(message));
    const card = await cardFor(message.authorName);
    await pressButton(appUrl, context.services.slack, card, 'approve', USERS.alice, `${message.id}-approve`);
    const note = await eventually(
      async () => notesOn(context.services, card.ts).find((candidate) => candidate.text?.includes('refused')),
      'the refusal on the card',
    );
    expect(note.text).toContain('comments on this TikTok video are turned off');
    await eventually(() => queuesIdle(context.services), 'the queues to go idle');
    expect(receiver.calls.filter((call) => call.body.target.message_id === message.id)).toHaveLength(1);
    expect(receiver.effectsOn(message.id)).toHaveLength(0);
  });

  it('counts the outcomes by kind and platform in /metrics', async () => {
    const metrics = await (await fetch(`${appUrl}/metrics`)).text();
    expect(metrics).toMatch(/switchboard_actions_total\{kind="reply",platform="tiktok",status="succeeded"\} 1/u);
    expect(metrics).toMatch(/switchboard_actions_total\{kind="reply",platform="tiktok",status="failed"\} 1/u);
  });
});
