import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/main.js';
import type { SlackMessage } from '../fakes/fake-slack.js';
import { IG_ACCOUNT_ID, instagramComment, instagramDm, PAGE_ID } from '../fixtures/meta.js';
import { cardsIn, eventually, PAGE_TOKEN, postMeta, startApp, startServices, type Services } from '../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../support/slack-press.js';
import { writeTestPlaybook } from '../support/test-playbook.js';

/*
 * Instagram beyond the core loop: DMs answered through the Page (`/me/messages`, from the Instagram
 * account), and Block only where Instagram can block, in a DM conversation (Moderate Conversations API).
 */

let services: Services;
let app: Running;
let url = '';
let playbookPath = '';
let serial = 0;

beforeAll(async () => {
  services = await startServices();
  services.graph.addToken(PAGE_TOKEN, { id: PAGE_ID, name: 'Acme Shoes', instagramId: IG_ACCOUNT_ID });
  // Block needs a role the playbook grants.
  playbookPath = writeTestPlaybook({ team: { roles: { lead: ['all'] }, default_role: 'lead' } });
  app = await startApp(services, { env: { SWITCHBOARD_PLAYBOOK: playbookPath } });
  url = app.url ?? '';
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
  if (playbookPath) rmSync(playbookPath, { force: true });
});

const cardWith = (text: string): Promise<SlackMessage> =>
  eventually(async () => cardsIn(services).find((card) => cardText(card).includes(text)), `the card for “${text}”`);

const sendDm = async (): Promise<{ sender: string; text: string }> => {
  serial += 1;
  const sender = `53100000000${String(serial).padStart(4, '0')}`;
  const text = `I want a refund, DM order ${serial} never came`;
  // The person wrote to the account: Instagram now has a conversation it may answer and moderate.
  services.graph.addConversation(PAGE_ID, sender);
  expect((await postMeta(url, instagramDm({ mid: `aWdfDM${serial}`, text, senderId: sender }))).status).toBe(200);
  return { sender, text };
};

describe('Instagram DMs and blocking', () => {
  it('answers a DM through the Page, from the Instagram account, once', async () => {
    const dm = await sendDm();
    const card = await cardWith(dm.text);
    expect(cardButtons(card).has('sb:hide')).toBe(false);
    await pressButton(url, services.slack, card, 'approve', USERS.alice, `ig-approve-${serial}`);
    const sent = () => services.graph.messages.filter((message) => message.recipient.id === dm.sender && message.fromId === IG_ACCOUNT_ID);
    await eventually(async () => sent().length > 0, 'the DM on Instagram');
    expect(services.graph.calls.some((call) => call.method === 'POST' && call.path === '/me/messages')).toBe(true);
    expect(sent()).toHaveLength(1);
  });

  it('offers Block on a DM card and blocks through the Moderate Conversations API', async () => {
    const dm = await sendDm();
    const card = await cardWith(dm.text);
    expect(cardButtons(card).has('sb:block')).toBe(true);
    await pressButton(url, services.slack, card, 'block', USERS.bob, `ig-block-${serial}`);
    await eventually(
      async () => services.graph.blocked.some((block) => block.pageId === IG_ACCOUNT_ID && block.userId === dm.sender),
      'the person blocked on Instagram',
    );
    const call = services.graph.calls.find((candidate) => candidate.path === '/me/moderate_conversations');
    expect(call?.body).toMatchObject({ actions: JSON.stringify(['block_user']) });
  });

  it('offers Hide but not Block on a comment card', async () => {
    serial += 1;
    const text = `I want a refund, comment ${serial} says it all`;
    expect((await postMeta(url, instagramComment({ id: `1786100000${serial}`, text, username: `commenter${serial}` }))).status).toBe(200);
    const card = await cardWith(text);
    expect(cardButtons(card).has('sb:hide')).toBe(true);
    expect(cardButtons(card).has('sb:block')).toBe(false);
  });
});
