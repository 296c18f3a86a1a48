import type { WebhookSource } from '../../../src/domain/webhook-source.js';
import { mapGenericMessage } from './map.js';
import { parseGenericMessage } from './schema.js';
import { verifyGenericSignature } from './verify.js';

/** /webhooks/generic: one message of contract.md's shape per request, signed with GENERIC_WEBHOOK_SECRET. */
export const createGenericWebhookSource = (options: { secret: string }): WebhookSource => ({
  name: 'generic',
  path: '/webhooks/generic',
  verify: (rawBody, headers) => {
    const header = headers['x-switchboard-signature'];
    return verifyGenericSignature(rawBody, Array.isArray(header) ? header[0] : header, options.secret);
  },
  parse: (json) => {
    const parsed = parseGenericMessage(json);
    return parsed.ok ? { ok: true, items: [mapGenericMessage(parsed.message)] } : parsed;
  },
});
