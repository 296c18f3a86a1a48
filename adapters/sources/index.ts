import type { Config } from '../../src/config.js';
import { type AccountDirectory, NO_ACCOUNTS } from '../../src/domain/accounts.js';
import type { PollingSource, QuotaLedger } from '../../src/domain/polling-source.js';
import type { WebhookSource } from '../../src/domain/webhook-source.js';
import { createGenericPlatformClient } from './generic/platform-client.js';
import { isGenericPlatform } from './generic/schema.js';
import { createGenericWebhookSource } from './generic/webhook-source.js';
import { GraphClient } from './meta/graph-client.js';
import { createMetaPlatformClient } from './meta/platform-client.js';
import { createMetaWebhookSource } from './meta/webhook-source.js';
import type { WhatsAppTemplate } from './meta/whatsapp-calls.js';
import { createWhatsAppPlatformClient } from './meta/whatsapp-platform-client.js';
import { createYouTube, youtubeChannels } from './youtube/index.js';
import { PlatformClients } from './platform-clients.js';
import { xAccounts } from './x/accounts.js';
import { createXMentionsPoller } from './x/poll-mentions.js';
import { createXPlatformClient } from './x/platform-client.js';
import { createXWebhookSource } from './x/webhook-source.js';

export interface Sources {
  webhooks: WebhookSource[];
  /** Platforms without webhooks (YouTube, X without webhooks), polled by `startPollers`. */
  pollers: PollingSource[];
  platformClients: PlatformClients;
}

export interface SourceOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  /** Where actions on a quota-limited platform (YouTube) record the units they spend. */
  quotaLedger?: QuotaLedger;
  /** The playbook's `whatsapp.template`: what a WhatsApp card offers once the 24-hour window has closed. */
  whatsappTemplate?: { name: string; language: string; params?: string[] | undefined } | undefined;
  /** The playbook's mapped accounts, each acting with its own token (the source's default token otherwise). */
  accounts?: AccountDirectory;
}

const templateOf = (spec: SourceOptions['whatsappTemplate']): WhatsAppTemplate | undefined =>
  spec === undefined ? undefined : { name: spec.name, language: spec.language, params: spec.params ?? [] };

/** The one place that knows which source adapters exist; adding a platform adds a block here. */
export const createSources = (config: Config, options: SourceOptions = {}): Sources => {
  const accounts = options.accounts ?? NO_ACCOUNTS;
  const webhooks: WebhookSource[] = [];
  const pollers: PollingSource[] = [];
  const platformClients = new PlatformClients();
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};

  if (config.meta) {
    webhooks.push(createMetaWebhookSource(config.meta));
    const pageToken = config.meta.pageAccessToken;
    // Graph calls name the Page or Instagram account they act for.
    const tokenFor = (accountId: string) =>
      accounts.tokenFor('facebook', accountId) ?? accounts.tokenFor('instagram', accountId) ?? pageToken;
    const graph = new GraphClient({ graphUrl: config.meta.graphUrl, tokenFor, ...fetchOption });
    const client = createMetaPlatformClient(graph);
    for (const platform of client.platforms) platformClients.set(platform, client);
  }
  if (config.whatsapp) {
    // Its messages arrive on /webhooks/meta (the Meta block above); sends use the WhatsApp token as Bearer.
    const { accessToken } = config.whatsapp;
    const tokenFor = (phoneNumberId: string) => accounts.tokenFor('whatsapp', phoneNumberId) ?? accessToken;
    const graph = new GraphClient({ graphUrl: config.whatsapp.graphUrl, tokenFor, ...fetchOption });
    const template = templateOf(options.whatsappTemplate);
    platformClients.set('whatsapp', createWhatsAppPlatformClient(graph, template ? { template } : {}));
  }
  if (config.youtube) {
    const main = { channelId: config.youtube.channelId, credentials: config.youtube.credentials };
    const { poller, client } = createYouTube(config.youtube, {
      channels: youtubeChannels(main, accounts),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.quotaLedger ? { ledger: options.quotaLedger } : {}),
    });
    pollers.push(poller);
    platformClients.set('youtube', client);
  }
  if (config.x) {
    const { consumerSecret, accessLevel } = config.x;
    const { main, all } = xAccounts(config.x, accounts, { apiUrl: config.x.apiUrl, ...fetchOption });
    const byUser = new Map(all.map((account) => [account.userId, account.api]));
    // Account Activity webhooks need the consumer secret (CRC and signatures); without it, mentions are polled, one poller per account.
    if (consumerSecret) webhooks.push(createXWebhookSource({ consumerSecret, userId: main.userId, served: new Set(byUser.keys()) }));
    else for (const account of all) pollers.push(createXMentionsPoller(account.api, account.userId, account.pollerName));
    platformClients.set(
      'x',
      createXPlatformClient(main.api, accessLevel, (userId) => byUser.get(userId)),
    );
  }
  if (config.generic) {
    const { secret, callbackUrl } = config.generic;
    webhooks.push(createGenericWebhookSource({ secret }));
    if (callbackUrl) {
      const client = createGenericPlatformClient({ callbackUrl, secret, handles: isGenericPlatform, platforms: [], ...fetchOption });
      platformClients.setFallback(client, isGenericPlatform);
    }
  }
  return { webhooks, pollers, platformClients };
};
