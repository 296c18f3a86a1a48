import type { Config } from '../../src/config.js';
import type { PollingSource, QuotaLedger } from '../../src/domain/polling-source.js';
import type { PlatformClient } from '../../src/domain/source.js';
import type { WebhookSource } from '../../src/domain/webhook-source.js';
import { GraphClient } from './meta/graph-client.js';
import { createMetaPlatformClient } from './meta/platform-client.js';
import { createMetaWebhookSource } from './meta/webhook-source.js';
import { createYouTube } from './youtube/index.js';

export interface Sources {
  webhooks: WebhookSource[];
  /** Platforms without webhooks (YouTube, X without webhooks), polled by `startPollers`. */
  pollers: PollingSource[];
  platformClients: Map<string, PlatformClient>;
}

/** The one place that knows which source adapters exist; adding a platform adds a block here. */
export interface SourceOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  /** Where actions on a quota-limited platform (YouTube) record the units they spend. */
  quotaLedger?: QuotaLedger;
}

export const createSources = (config: Config, options: SourceOptions = {}): Sources => {
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
  if (config.youtube) {
    const { poller, client } = createYouTube(config.youtube, {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.quotaLedger ? { ledger: options.quotaLedger } : {}),
    });
    pollers.push(poller);
    platformClients.set('youtube', client);
  }
  return { webhooks, pollers, platformClients };
};
