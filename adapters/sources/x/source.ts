import type { SourceFactory } from '../source-entry.js';
import { xAccounts } from './accounts.js';
import { createXMentionsPoller } from './poll-mentions.js';
import { createXPlatformClient } from './platform-client.js';
import { createXWebhookSource } from './webhook-source.js';

/** X: Account Activity webhooks when the consumer secret is set, otherwise mentions polled, one poller per account. */
export const xSource: SourceFactory = (config, { accounts, fetch }) => {
  if (!config.x) return undefined;
  const { consumerSecret, accessLevel } = config.x;
  const { main, all } = xAccounts(config.x, accounts, { apiUrl: config.x.apiUrl, ...(fetch ? { fetch } : {}) });
  const byUser = new Map(all.map((account) => [account.userId, account.api]));
  const client = createXPlatformClient(main.api, accessLevel, (userId) => byUser.get(userId));
  if (consumerSecret) {
    return { webhooks: [createXWebhookSource({ consumerSecret, userId: main.userId, served: new Set(byUser.keys()) })], clients: [client] };
  }
  return { pollers: all.map((account) => createXMentionsPoller(account.api, account.userId, account.pollerName)), clients: [client] };
};
