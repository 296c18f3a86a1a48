import type { Config } from '../../src/config.js';
import type { PollingSource } from '../../src/domain/polling-source.js';
import type { PlatformClient } from '../../src/domain/source.js';
import type { WebhookSource } from '../../src/domain/webhook-source.js';
import { GraphClient } from './meta/graph-client.js';
import { createMetaPlatformClient } from './meta/platform-client.js';
import { createMetaWebhookSource } from './meta/webhook-source.js';
import type { WhatsAppTemplate } from './meta/whatsapp-calls.js';
import { createWhatsAppPlatformClient } from './meta/whatsapp-platform-client.js';

export interface Sources {
  webhooks: WebhookSource[];
  /** Platforms without webhooks (YouTube, X without webhooks), polled by `startPollers`. */
  pollers: PollingSource[];
  platformClients: Map<string, PlatformClient>;
}

export interface SourceOptions {
  fetch?: typeof fetch;
  /** The playbook's `whatsapp.template`: what a WhatsApp card offers once the 24-hour window has closed. */
  whatsappTemplate?: { name: string; language: string; params?: string[] | undefined } | undefined;
}

const templateOf = (spec: SourceOptions['whatsappTemplate']): WhatsAppTemplate | undefined =>
  spec === undefined ? undefined : { name: spec.name, language: spec.language, params: spec.params ?? [] };

/** The one place that knows which source adapters exist; adding a platform adds a block here. */
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
  if (config.whatsapp) {
    // Its messages arrive on /webhooks/meta (the Meta block above); sends use the WhatsApp token as Bearer.
    const { accessToken } = config.whatsapp;
    const graph = new GraphClient({
      graphUrl: config.whatsapp.graphUrl,
      tokenFor: () => accessToken,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const template = templateOf(options.whatsappTemplate);
    platformClients.set('whatsapp', createWhatsAppPlatformClient(graph, template ? { template } : {}));
  }
  return { webhooks, pollers, platformClients };
};
