import type { Config } from '../../src/config.js';
import { type AccountDirectory, NO_ACCOUNTS } from '../../src/domain/accounts.js';
import type { PollingSource } from '../../src/domain/polling-source.js';
import type { PlatformClient } from '../../src/domain/source.js';
import type { WebhookSource } from '../../src/domain/webhook-source.js';
import { GraphClient } from './meta/graph-client.js';
import { createMetaPlatformClient } from './meta/platform-client.js';
import { createMetaWebhookSource } from './meta/webhook-source.js';

export interface Sources {
  webhooks: WebhookSource[];
  /** Platforms without webhooks (YouTube, X without webhooks), polled by `startPollers`. */
  pollers: PollingSource[];
  platformClients: Map<string, PlatformClient>;
}

/** The one place that knows which source adapters exist; adding a platform adds a block here. */
/** `accounts`: the playbook's mapped accounts, each acting with its own token (the source's default token otherwise). */
export const createSources = (config: Config, options: { fetch?: typeof fetch; accounts?: AccountDirectory } = {}): Sources => {
  const accounts = options.accounts ?? NO_ACCOUNTS;
  const webhooks: WebhookSource[] = [];
  const pollers: PollingSource[] = [];
  const platformClients = new Map<string, PlatformClient>();

  if (config.meta) {
    webhooks.push(createMetaWebhookSource(config.meta));
    const pageToken = config.meta.pageAccessToken;
    const graph = new GraphClient({
      graphUrl: config.meta.graphUrl,
      // Graph calls name the Page, Instagram account or phone number id they act for.
      tokenFor: (accountId) =>
        accounts.tokenFor('facebook', accountId) ??
        accounts.tokenFor('instagram', accountId) ??
        accounts.tokenFor('whatsapp', accountId) ??
        pageToken,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const client = createMetaPlatformClient(graph);
    for (const platform of client.platforms) platformClients.set(platform, client);
  }
  return { webhooks, pollers, platformClients };
};
