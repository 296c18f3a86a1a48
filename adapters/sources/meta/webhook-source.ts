import type { WebhookSource } from '../../../src/domain/webhook-source.js';
import { mapMetaBody } from './map.js';
import { parseMetaBody } from './schema.js';
import { answerVerificationHandshake, verifyMetaSignature } from './verify.js';

/** /webhooks/meta: every Meta object (page, instagram, whatsapp_business_account) arrives here. */
export const createMetaWebhookSource = (options: { appSecret: string; verifyToken: string }): WebhookSource => ({
  name: 'meta',
  path: '/webhooks/meta',
  verify: (rawBody, headers) => {
    const header = headers['x-hub-signature-256'];
    return verifyMetaSignature(rawBody, Array.isArray(header) ? header[0] : header, options.appSecret);
  },
  parse: (json) => {
    const parsed = parseMetaBody(json);
    return parsed.ok ? { ok: true, items: mapMetaBody(parsed.body) } : parsed;
  },
  handshake: (query) => answerVerificationHandshake(query, options.verifyToken),
});
