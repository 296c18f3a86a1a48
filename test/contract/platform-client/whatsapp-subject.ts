import { GraphClient } from '../../../adapters/sources/meta/graph-client.js';
import { callbackDataFor, type WhatsAppTemplate } from '../../../adapters/sources/meta/whatsapp-calls.js';
import { createWhatsAppPlatformClient } from '../../../adapters/sources/meta/whatsapp-platform-client.js';
import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest } from '../../../src/domain/source.js';
import { FakeGraph } from '../../fakes/fake-graph.js';
import { graphMisbehaviour } from './graph-misbehaviour.js';
import { PHONE_NUMBER_ID } from '../../fixtures/meta.js';
import type { PlatformClientSubject } from './platform-client-subject.js';

export const WHATSAPP_TOKEN = 'EAAG-whatsapp-system-user-token';
export const TEMPLATE: WhatsAppTemplate = { name: 'order_follow_up', language: 'en_US', params: ['Acme Outdoor'] };

export interface WhatsAppGraph {
  fake: FakeGraph;
  url: string;
  clientWaiting: (timeoutMs: number) => ReturnType<typeof createWhatsAppPlatformClient>;
  close: () => Promise<void>;
}

/** A fake Graph on loopback with one WhatsApp number and one approved template, and the WhatsApp client pointed at it. */
export const startWhatsAppGraph = async (): Promise<WhatsAppGraph> => {
  const fake = new FakeGraph({ tokens: { [WHATSAPP_TOKEN]: { id: '102290129340398', name: 'Acme WABA' } } });
  fake.whatsapp.addPhoneNumber(PHONE_NUMBER_ID);
  fake.whatsapp.approveTemplate(TEMPLATE.name, TEMPLATE.language);
  const { url } = await fake.start();
  // Node loads its fetch on first use: not within the impatient client's timeout.
  await fetch(`${url}/me?access_token=${WHATSAPP_TOKEN}`).then((response) => response.text());
  const clientWaiting = (timeoutMs: number) =>
    createWhatsAppPlatformClient(new GraphClient({ graphUrl: url, tokenFor: () => WHATSAPP_TOKEN, timeoutMs }), { template: TEMPLATE });
  return { fake, url, clientWaiting, close: () => fake.close() };
};

/** The WhatsApp client as the platform-client contract sees it: nothing can be read back, statuses are its read-back. */
export const createWhatsAppSubject = async (): Promise<PlatformClientSubject> => {
  const { fake, clientWaiting, close } = await startWhatsAppGraph();
  let sequence = 0;

  const prepare = async (platform: string, kind: PlatformAction): Promise<PlatformActionRequest> => {
    sequence += 1;
    const customer = `1631555${String(sequence).padStart(4, '0')}`;
    fake.whatsapp.customerWrote(PHONE_NUMBER_ID, customer);
    const text = kind === 'send_dm' ? { text: `We are on it (${sequence})` } : {};
    return { platform, kind, accountId: PHONE_NUMBER_ID, target: customer, actionId: String(9000 + sequence), ...text };
  };

  return {
    client: clientWaiting(5_000),
    impatientClient: clientWaiting(1_000),
    prepare,
    effects: async (request) =>
      fake.whatsapp.sent
        .filter((sent) => sent.to === request.target && sent.callbackData === callbackDataFor(request.actionId ?? ''))
        .map((sent) => ({ externalId: sent.wamid })),
    readsBack: () => false,
    callCount: () => fake.calls.length,
    ...graphMisbehaviour(fake, WHATSAPP_TOKEN, { code: 130429, message: '(#130429) Rate limit hit' }),
    close,
  };
};
