import type { SourceFactory } from '../source-entry.js';
import { GraphClient } from './graph-client.js';
import { createMetaPlatformClient } from './platform-client.js';
import { createMetaWebhookSource } from './webhook-source.js';
import type { WhatsAppTemplate } from './whatsapp-calls.js';
import { createWhatsAppPlatformClient } from './whatsapp-platform-client.js';

/** Facebook, Messenger and Instagram: Meta's webhooks, and the Graph API with the Page's (or a mapped account's) token. */
export const metaSource: SourceFactory = (config, { accounts, fetch }) => {
  if (!config.meta) return undefined;
  const pageToken = config.meta.pageAccessToken;
  // Graph calls name the Page or Instagram account they act for.
  const tokenFor = (accountId: string) =>
    accounts.tokenFor('facebook', accountId) ?? accounts.tokenFor('instagram', accountId) ?? pageToken;
  const graph = new GraphClient({ graphUrl: config.meta.graphUrl, tokenFor, ...(fetch ? { fetch } : {}) });
  return { webhooks: [createMetaWebhookSource(config.meta)], clients: [createMetaPlatformClient(graph)] };
};

/** WhatsApp: its messages arrive on /webhooks/meta (the Meta source); sends use the WhatsApp token as Bearer. */
export const whatsappSource: SourceFactory = (config, { accounts, fetch, whatsappTemplate }) => {
  if (!config.whatsapp) return undefined;
  const { accessToken } = config.whatsapp;
  const tokenFor = (phoneNumberId: string) => accounts.tokenFor('whatsapp', phoneNumberId) ?? accessToken;
  const graph = new GraphClient({ graphUrl: config.whatsapp.graphUrl, tokenFor, ...(fetch ? { fetch } : {}) });
  const template: WhatsAppTemplate | undefined = whatsappTemplate
    ? { name: whatsappTemplate.name, language: whatsappTemplate.language, params: whatsappTemplate.params ?? [] }
    : undefined;
  return { clients: [createWhatsAppPlatformClient(graph, template ? { template } : {})] };
};
