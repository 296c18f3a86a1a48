import type { WebhookSource } from '../../../src/domain/webhook-source.js';
import { mapActivity } from './map-activity.js';
import { parseActivity } from './schema-activity.js';
import { answerCrc, verifyXSignature } from './verify.js';

/** /webhooks/x: Account Activity deliveries (POST, signed) and the CRC check (GET). */
export const createXWebhookSource = (options: { consumerSecret: string; userId: string }): WebhookSource => ({
  name: 'x',
  path: '/webhooks/x',
  verify: (rawBody, headers) => {
    const header = headers['x-twitter-webhooks-signature'];
    return verifyXSignature(rawBody, Array.isArray(header) ? header[0] : header, options.consumerSecret);
  },
  parse: (json) => {
    const parsed = parseActivity(json);
    return parsed.ok ? { ok: true, items: mapActivity(parsed.activity, options.userId) } : parsed;
  },
  handshake: (query) => answerCrc(query, options.consumerSecret),
});
