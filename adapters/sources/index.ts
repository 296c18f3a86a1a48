import type { Config } from '../../src/config.js';
import { NO_ACCOUNTS } from '../../src/domain/accounts.js';
import type { PollingSource } from '../../src/domain/polling-source.js';
import type { WebhookSource } from '../../src/domain/webhook-source.js';
import { genericSource } from './generic/source.js';
import { metaSource, whatsappSource } from './meta/source.js';
import { PlatformClients } from './platform-clients.js';
import type { SourceFactory, SourceOptions } from './source-entry.js';
import { xSource } from './x/source.js';
import { youtubeSource } from './youtube/source.js';

export type { SourceOptions } from './source-entry.js';

export interface Sources {
  webhooks: WebhookSource[];
  /** Platforms without webhooks (YouTube, X without webhooks), polled by `startPollers`. */
  pollers: PollingSource[];
  platformClients: PlatformClients;
}

/** Every source Switchboard can take messages from, one line each; a source the configuration leaves out is skipped. */
const SOURCES: readonly SourceFactory[] = [metaSource, whatsappSource, youtubeSource, xSource, genericSource];

export const createSources = (config: Config, options: SourceOptions = {}): Sources => {
  const sources: Sources = { webhooks: [], pollers: [], platformClients: new PlatformClients() };
  for (const create of SOURCES) {
    const parts = create(config, { ...options, accounts: options.accounts ?? NO_ACCOUNTS });
    if (!parts) continue;
    sources.webhooks.push(...(parts.webhooks ?? []));
    sources.pollers.push(...(parts.pollers ?? []));
    for (const client of parts.clients ?? []) for (const platform of client.platforms) sources.platformClients.set(platform, client);
    if (parts.fallback) sources.platformClients.setFallback(parts.fallback.client, parts.fallback.handles);
  }
  return sources;
};
