import { createHash } from 'node:crypto';
import type { InboundItem } from '../../../src/domain/source.js';
import type { WebhookSource } from '../../../src/domain/webhook-source.js';
import { mapActivity } from './map-activity.js';
import { type Activity, parseActivity } from './schema-activity.js';
import { answerCrc, verifyXSignature } from './verify.js';

export interface XWebhookOptions {
  /** The app's: one secret signs the deliveries for every account subscribed to it. */
  consumerSecret: string;
  /** X_USER_ID: a delivery without `for_user_id` is its. */
  userId: string;
  /** Every account Switchboard acts for (X_USER_ID and the playbook's with a token); absent: any. */
  served?: ReadonlySet<string>;
}

/**
 * A delivery for an account the app is subscribed to but Switchboard has no token for: recorded and
 * ignored, under a key of its own so that mapping the account later does not turn its posts into duplicates.
 */
const unserved = (activity: Activity, forUserId: string): InboundItem[] => [
  {
    type: 'ignored',
    dedupeKey: `unserved:${forUserId}:${createHash('sha256').update(JSON.stringify(activity)).digest('hex').slice(0, 32)}`,
    reason: `for_user_id ${forUserId} is not an account Switchboard serves (map it under accounts: with its token_env)`,
    raw: activity,
  },
];

/** /webhooks/x: Account Activity deliveries (POST, signed) and the CRC check (GET), routed by `for_user_id`. */
export const createXWebhookSource = (options: XWebhookOptions): WebhookSource => ({
  name: 'x',
  path: '/webhooks/x',
  verify: (rawBody, headers) => {
    const header = headers['x-twitter-webhooks-signature'];
    return verifyXSignature(rawBody, Array.isArray(header) ? header[0] : header, options.consumerSecret);
  },
  parse: (json) => {
    const parsed = parseActivity(json);
    if (!parsed.ok) return parsed;
    const forUserId = parsed.activity.for_user_id;
    if (forUserId !== undefined && options.served && !options.served.has(forUserId))
      return { ok: true, items: unserved(parsed.activity, forUserId) };
    return { ok: true, items: mapActivity(parsed.activity, options.userId) };
  },
  handshake: (query) => answerCrc(query, options.consumerSecret),
});
