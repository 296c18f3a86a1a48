import type { AccountDirectory } from '../../../src/domain/accounts.js';
import type { YouTubeCredentials } from './access-token.js';

/** A channel Switchboard polls and acts on, with the credentials that act as it. */
export interface YouTubeChannel {
  channelId: string;
  credentials: YouTubeCredentials;
}

/**
 * A mapped channel's token is of the same kind as the environment's credentials: with
 * YOUTUBE_CLIENT_ID/SECRET and YOUTUBE_REFRESH_TOKEN, a refresh token issued to the same OAuth
 * client (one Google Cloud project, so one quota); with YOUTUBE_ACCESS_TOKEN, an access token.
 */
export const credentialsWith = (base: YouTubeCredentials, token: string): YouTubeCredentials =>
  base.kind === 'refresh_token' ? { ...base, refreshToken: token } : { kind: 'access_token', accessToken: token };

/**
 * YOUTUBE_CHANNEL_ID first, then every `accounts:` entry with `platform: youtube` whose token_env is
 * set (an entry for YOUTUBE_CHANNEL_ID itself only swaps its token). Without a token of its own a
 * channel could not be read: it only names the account.
 */
export const youtubeChannels = (main: YouTubeChannel, directory: AccountDirectory): YouTubeChannel[] => {
  const mainToken = directory.tokenFor('youtube', main.channelId);
  const others = directory.list
    .filter((account) => account.platform === 'youtube' && account.accountId !== main.channelId && account.token !== undefined)
    .map((account) => ({ channelId: account.accountId, credentials: credentialsWith(main.credentials, account.token!) }));
  const first = mainToken === undefined ? main : { ...main, credentials: credentialsWith(main.credentials, mainToken) };
  return [first, ...others];
};
