import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentPlatformError } from '../../../src/errors.js';
import { PHONE_NUMBER_ID } from '../../fixtures/meta.js';
import { rejection } from '../rejection.js';
import { startWhatsAppGraph, TEMPLATE, WHATSAPP_TOKEN, type WhatsAppGraph } from './whatsapp-subject.js';

/* What only the WhatsApp client promises, beyond the platform-client contract (whatsapp.test.ts). */

let graph: WhatsAppGraph;
beforeAll(async () => {
  graph = await startWhatsAppGraph();
});
afterAll(async () => graph?.close());

const request = (kind: 'send_dm' | 'send_template', to: string, actionId = '77') => ({
  kind,
  platform: 'whatsapp',
  accountId: PHONE_NUMBER_ID,
  target: to,
  actionId,
  ...(kind === 'send_dm' ? { text: 'Your refund is on its way.' } : {}),
});

describe('WhatsApp PlatformClient, beyond the contract', () => {
  it('sends as the Cloud API documents it: Bearer token, JSON, our action id as biz_opaque_callback_data', async () => {
    graph.fake.whatsapp.customerWrote(PHONE_NUMBER_ID, '4917600000001');
    const result = await graph.clientWaiting(5_000).perform(request('send_dm', '4917600000001'));
    const call = graph.fake.calls.at(-1);
    expect(call?.path).toBe(`/${PHONE_NUMBER_ID}/messages`);
    expect(call?.params.access_token).toBeUndefined();
    expect(call?.body).toMatchObject({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '4917600000001',
      type: 'text',
      text: { body: 'Your refund is on its way.' },
      biz_opaque_callback_data: 'switchboard:action:77',
    });
    expect(result.externalId).toMatch(/^wamid\./u);
  });

  it('refuses a text outside the 24-hour window as permanent, saying a template is needed', async () => {
    graph.fake.whatsapp.customerWrote(PHONE_NUMBER_ID, '4917600000002', new Date(Date.now() - 25 * 3_600_000));
    const error = await rejection(graph.clientWaiting(5_000).perform(request('send_dm', '4917600000002')));
    expect(error).toBeInstanceOf(PermanentPlatformError);
    expect((error as Error).message).toMatch(/24-hour customer-service window has closed.*only an approved template/u);
  });

  it('sends the playbook’s template outside the window, with its language and parameters', async () => {
    await graph.clientWaiting(5_000).perform(request('send_template', '4917600000003', '78'));
    expect(graph.fake.whatsapp.sent.at(-1)).toMatchObject({
      to: '4917600000003',
      type: 'template',
      template: { name: TEMPLATE.name, language: TEMPLATE.language, params: TEMPLATE.params },
      callbackData: 'switchboard:action:78',
    });
  });

  it('names the WhatsApp token when it is revoked', async () => {
    graph.fake.revokeToken(WHATSAPP_TOKEN);
    const error = await rejection(graph.clientWaiting(5_000).perform(request('send_template', '4917600000004')));
    graph.fake.addToken(WHATSAPP_TOKEN, { id: '102290129340398', name: 'Acme WABA' });
    expect((error as Error).message).toMatch(/update WHATSAPP_ACCESS_TOKEN/u);
  });
});
