import type { SourceFactory } from '../source-entry.js';
import { createYouTube, youtubeChannels } from './index.js';

/** YouTube: polled on the project's daily quota, the env channel and any the playbook maps sharing one ledger. */
export const youtubeSource: SourceFactory = (config, { accounts, fetch, now, quotaLedger }) => {
  if (!config.youtube) return undefined;
  const main = { channelId: config.youtube.channelId, credentials: config.youtube.credentials };
  const { poller, client } = createYouTube(config.youtube, {
    channels: youtubeChannels(main, accounts),
    ...(fetch ? { fetch } : {}),
    ...(now ? { now } : {}),
    ...(quotaLedger ? { ledger: quotaLedger } : {}),
  });
  return { pollers: [poller], clients: [client] };
};
