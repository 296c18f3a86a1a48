import { FakeGraph } from '../../fakes/fake-graph.js';
import { PHONE_NUMBER_ID, whatsappMessage } from '../../fixtures/meta.js';
import { APP_SECRET, postMeta, VERIFY_TOKEN } from '../../support/app-harness.js';
import { WHATSAPP_TOKEN } from '../platform-client/whatsapp-subject.js';
import { runSourceCoreLoop } from './source-core-loop.js';
import type { InboundMessage, SourceSubject } from './source-subject.js';

/** WhatsApp: Meta's signed webhook (`object: whatsapp_business_account`) in, the Cloud API (fake) out. No Hide. */
const makeWhatsApp = async (): Promise<SourceSubject> => {
  const graph = new FakeGraph({ tokens: { [WHATSAPP_TOKEN]: { id: '102290129340398', name: 'Acme WABA' } } });
  graph.whatsapp.addPhoneNumber(PHONE_NUMBER_ID);
  const graphUrl = (await graph.start()).url;
  const waId = (message: InboundMessage) => `1631${message.authorId.replace(/\D/gu, '').padStart(7, '0')}`;
  const sentAt = new Map<string, number>();
  const body = (message: InboundMessage) => {
    // Written now: inside the 24-hour window; a redelivery carries the same timestamp as the first delivery.
    const timestamp = sentAt.get(message.id) ?? Math.floor(Date.now() / 1000);
    sentAt.set(message.id, timestamp);
    return whatsappMessage({ id: `wamid.${message.id}`, from: waId(message), name: message.authorName, body: message.text, timestamp });
  };
  const deliver = async (appUrl: string, message: InboundMessage) => {
    const payload = body(message);
    graph.whatsapp.customerWrote(PHONE_NUMBER_ID, waId(message), new Date((sentAt.get(message.id) ?? 0) * 1000));
    const answer = await postMeta(appUrl, payload);
    if (answer.status !== 200) throw new Error(`Meta delivery answered ${answer.status}`);
  };
  return {
    platform: 'whatsapp',
    env: {
      META_APP_SECRET: APP_SECRET,
      META_VERIFY_TOKEN: VERIFY_TOKEN,
      META_GRAPH_URL: graphUrl,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_ACCESS_TOKEN: WHATSAPP_TOKEN,
    },
    deliver,
    redeliver: deliver,
    forge: async (appUrl, message) => (await postMeta(appUrl, body(message), { secret: 'not-the-app-secret' })).status,
    replies: async (message) =>
      graph.whatsapp.sent.filter((sent) => sent.to === waId(message) && sent.type === 'text').map((sent) => sent.text ?? ''),
    close: () => graph.close(),
  };
};

runSourceCoreLoop('WhatsApp messages', makeWhatsApp);
