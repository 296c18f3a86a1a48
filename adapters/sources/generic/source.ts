import type { SourceFactory } from '../source-entry.js';
import { createGenericPlatformClient } from './platform-client.js';
import { isGenericPlatform } from './schema.js';
import { createGenericWebhookSource } from './webhook-source.js';

/** The generic signed webhook; its callback acts for every platform no other source claims (tiktok, linkedin…). */
export const genericSource: SourceFactory = (config, { fetch }) => {
  if (!config.generic) return undefined;
  const { secret, callbackUrl } = config.generic;
  const webhooks = [createGenericWebhookSource({ secret })];
  if (!callbackUrl) return { webhooks };
  const client = createGenericPlatformClient({
    callbackUrl,
    secret,
    handles: isGenericPlatform,
    platforms: [],
    ...(fetch ? { fetch } : {}),
  });
  return { webhooks, fallback: { client, handles: isGenericPlatform } };
};
