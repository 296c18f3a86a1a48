import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackDataFor } from '../../adapters/sources/meta/whatsapp-calls.js';
import type { Running } from '../../src/main.js';
import type { SlackMessage } from '../fakes/fake-slack.js';
import { PHONE_NUMBER_ID, whatsappMessage, whatsappStatus } from '../fixtures/meta.js';
import { blockActionRequest, postSigned } from '../fixtures/slack.js';
import { TEMPLATE, WHATSAPP_TOKEN } from '../contract/platform-client/whatsapp-subject.js';
import {
  CARD_CHANNEL,
  cardsIn,
  eventually,
  postMeta,
  SIGNING_SECRET,
  startApp,
  startServices,
  type Services,
} from '../support/app-harness.js';
import { queuesIdle } from '../support/queue-state.js';
import { cardButtons, cardText, pressButton, USERS } from '../support/slack-press.js';
import { writeTestPlaybook } from '../support/test-playbook.js';

/*
 * WhatsApp's own rules: a free-form reply only within 24 hours of the customer's last message (outside
 * it the card offers the playbook's template and a text is never attempted), and status webhooks as the
 * only read-back (an unknown outcome is settled by its status, a failed delivery shows on the card).
 */

const HOUR_S = 3_600;
let services: Services;
let app: Running;
let url = '';
let playbookPath = '';
let serial = 0;

beforeAll(async () => {
  services = await startServices();
  services.graph.addToken(WHATSAPP_TOKEN, { id: '102290129340398', name: 'Acme WABA' });
  services.graph.whatsapp.addPhoneNumber(PHONE_NUMBER_ID);
  services.graph.whatsapp.approveTemplate(TEMPLATE.name, TEMPLATE.language);
  playbookPath = writeTestPlaybook({
    whatsapp: { template: { name: TEMPLATE.name, language: TEMPLATE.language, params: [...TEMPLATE.params] } },
  });
  app = await startApp(services, {
    env: { WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN: WHATSAPP_TOKEN, SWITCHBOARD_PLAYBOOK: playbookPath },
  });
  url = app.url ?? '';
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
  if (playbookPath) rmSync(playbookPath, { force: true });
});

interface Customer {
  waId: string;
  name: string;
}

/** A refund request from a new customer, written `hoursAgo` hours ago. */
const customerWrites = async (hoursAgo: number): Promise<Customer> => {
  serial += 1;
  const customer = { waId: `4915100000${String(serial).padStart(3, '0')}`, name: `Wanda Window${serial}` };
  const at = Math.floor(Date.now() / 1000 - hoursAgo * HOUR_S);
  services.graph.whatsapp.customerWrote(PHONE_NUMBER_ID, customer.waId, new Date(at * 1000));
  const body = whatsappMessage({
    id: `wamid.window${serial}`,
    from: customer.waId,
    name: customer.name,
    body: `I want a refund, order ${serial} is broken`,
    timestamp: at,
  });
  expect((await postMeta(url, body)).status).toBe(200);
  return customer;
};

const cardOf = (customer: Customer): Promise<SlackMessage> =>
  eventually(async () => cardsIn(services).find((card) => cardText(card).includes(customer.name)), `the card for ${customer.name}`);

const sentTo = (customer: Customer) => services.graph.whatsapp.sent.filter((sent) => sent.to === customer.waId);

const actionsOf = async (customer: Customer) =>
  services.database.db
    .selectFrom('actions')
    .select(['id', 'kind', 'status', 'error', 'result'])
    .where('target', '=', customer.waId)
    .orderBy('id')
    .execute();

/** Approve pressed on a card that no longer shows it (rendered before the window closed): the same button value, signed by Slack. */
const pressStaleApprove = async (card: SlackMessage) => {
  const [, element] = [...cardButtons(card)][0] ?? [];
  const request = blockActionRequest({
    signingSecret: SIGNING_SECRET,
    user: USERS.alice,
    actionId: 'sb:approve',
    value: element?.value ?? '',
    channel: CARD_CHANNEL,
    messageTs: card.ts,
    responseUrl: services.slack.responseUrl(`stale-${card.ts}`),
    triggerId: `trigger-stale-${card.ts}`,
    message: { text: card.text, blocks: card.blocks ?? [] },
  });
  return postSigned(`${url}/slack/events`, request);
};

const postStatus = async (customer: Customer, status: string, extra: Parameters<typeof whatsappStatus>[0] = {}) => {
  const [sent] = sentTo(customer);
  const body = whatsappStatus({ id: sent?.wamid, status, recipientId: customer.waId, callbackData: sent?.callbackData, ...extra });
  expect((await postMeta(url, body)).status).toBe(200);
};

describe('WhatsApp and its 24-hour window', () => {
  it('outside the window: no Approve, the card says why and offers the template; a stale Approve sends nothing', async () => {
    const customer = await customerWrites(25);
    const card = await cardOf(customer);
    const buttons = cardButtons(card);
    expect(buttons.has('sb:approve')).toBe(false);
    expect(buttons.has('sb:edit')).toBe(false);
    expect(buttons.has('sb:hide')).toBe(false);
    expect(buttons.has('sb:send_template')).toBe(true);
    expect(cardText(card)).toMatch(/24-hour customer-service window closed at/u);
    expect(cardText(card)).toMatch(/A template can be sent/u);

    expect((await pressStaleApprove(card)).status).toBe(200);
    await eventually(async () => services.slack.responses(`stale-${card.ts}`).length > 0, 'the refusal to the person');
    expect(JSON.stringify(services.slack.responses(`stale-${card.ts}`))).toMatch(/customer-service window closed/u);
    await eventually(() => queuesIdle(services), 'the queues to go idle');
    expect(await actionsOf(customer)).toEqual([]);
    expect(sentTo(customer)).toEqual([]);
  });

  it('a card posted inside the window stops offering Approve when the window closes, and says why', async () => {
    // A few seconds are left of this customer's 24 hours.
    const customer = await customerWrites(24 - 5 / 3_600);
    await eventually(
      async () => {
        const card = await cardOf(customer);
        return (
          !cardButtons(card).has('sb:approve') && cardButtons(card).has('sb:send_template') && /window closed at/u.test(cardText(card))
        );
      },
      'the card to follow the window closing',
      25_000,
    );
  });

  it('Send template sends the approved template once, carrying its action id', async () => {
    const customer = await customerWrites(30);
    const card = await cardOf(customer);
    await pressButton(url, services.slack, card, 'send_template', USERS.bob, `template-${customer.waId}`);
    await eventually(async () => (await actionsOf(customer))[0]?.status === 'succeeded', 'the template to be sent');
    const [action] = await actionsOf(customer);
    expect(sentTo(customer)).toMatchObject([
      {
        type: 'template',
        template: { name: TEMPLATE.name, language: TEMPLATE.language, params: TEMPLATE.params },
        callbackData: callbackDataFor(action!.id),
      },
    ]);
    await eventually(async () => !cardButtons(await cardOf(customer)).has('sb:send_template'), 'Send template to go');
  });

  it('an answer never heard is not sent again: its status webhook settles it', async () => {
    const customer = await customerWrites(1);
    const card = await cardOf(customer);
    services.graph.dropNext(`/${PHONE_NUMBER_ID}/messages`);
    await pressButton(url, services.slack, card, 'approve', USERS.alice, `approve-${customer.waId}`);
    await eventually(async () => (await actionsOf(customer))[0]?.status === 'unknown', 'the outcome to be unknown');
    expect(sentTo(customer)).toHaveLength(1);

    await postStatus(customer, 'sent');
    await eventually(async () => (await actionsOf(customer))[0]?.status === 'succeeded', 'the status to settle the action');
    const [action] = await actionsOf(customer);
    expect(action?.result).toMatchObject({ externalId: sentTo(customer)[0]?.wamid, verified: true });
    await eventually(async () => !cardButtons(await cardOf(customer)).has('sb:send_again'), 'Send again to go');
    await eventually(() => queuesIdle(services), 'the queues to go idle');
    expect(sentTo(customer)).toHaveLength(1);
  });

  it('a failed delivery shows on the card in WhatsApp’s words; a status naming another person’s action changes nothing', async () => {
    const customer = await customerWrites(2);
    const card = await cardOf(customer);
    await pressButton(url, services.slack, card, 'approve', USERS.alice, `approve-${customer.waId}`);
    await eventually(async () => (await actionsOf(customer))[0]?.status === 'succeeded', 'the reply to be sent');

    const otherMessage = { id: 'wamid.SOMEONE.ELSE', recipientId: '4915199999999' };
    await postStatus(customer, 'failed', { ...otherMessage, errors: [{ code: 131026, title: 'Message undeliverable' }] });
    await eventually(() => queuesIdle(services), 'the queues to go idle');
    expect((await actionsOf(customer))[0]?.status).toBe('succeeded');

    const errors = [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'The recipient is not a WhatsApp user.' } }];
    await postStatus(customer, 'failed', { errors });
    await eventually(async () => (await actionsOf(customer))[0]?.status === 'failed', 'the delivery to fail');
    expect((await actionsOf(customer))[0]?.error).toBe('Message undeliverable (code 131026): The recipient is not a WhatsApp user.');
    await eventually(async () => cardText(await cardOf(customer)).includes('Message undeliverable'), 'the failure on the card');
  });
});
