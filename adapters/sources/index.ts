import type { Config } from '../../src/config.js';
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
export const createSources = (config: Config, options: { fetch?: typeof fetch } = {}): Sources => {
  const webhooks: WebhookSource[] = [];
  const pollers: PollingSource[] = [];
  const platformClients = new Map<string, PlatformClient>();

  if (config.meta) {
    webhooks.push(createMetaWebhookSource(config.meta));
    const pageToken = config.meta.pageAccessToken;
    const graph = new GraphClient({
      graphUrl: config.meta.graphUrl,
      tokenFor: () => pageToken,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const client = createMetaPlatformClient(graph);
    for (const platform of client.platforms) platformClients.set(platform, client);
  }
  return { webhooks, pollers, platformClients };
};
