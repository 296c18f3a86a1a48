import { GraphClient } from '../../adapters/sources/meta/graph-client.js';
import { checkXAccount } from '../../adapters/sources/x/doctor.js';
import { createYouTubeApi, credentialsWith, findMyChannelId, unitMeter } from '../../adapters/sources/youtube/index.js';
import type { Config } from '../config.js';
import type { AccountSettings } from '../domain/accounts.js';
import { resolveAccounts } from '../playbook/accounts.js';
import { loadPlaybook } from '../playbook/index.js';
import type { DoctorCheck } from './doctor.js';

// Platforms whose tokens doctor can ask "who are you?"; the others' (WhatsApp, generic) lines are left to their own checks.
type Checker = (config: Readonly<Config>, account: AccountSettings & { token: string; tokenEnv: string }) => Promise<string> | string;

const labelOf = (account: AccountSettings) => account.name ?? `${account.platform} ${account.accountId}`;

/** X: `/2/users/me` must be the mapped user id. */
const checkX: Checker = (config, account) => {
  if (!config.x) return `not checked: X is off (set X_USER_ID and X_ACCESS_TOKEN)`;
  const { consumerSecret, apiUrl, accessLevel } = config.x;
  const names = { token: account.tokenEnv, user: 'the mapped id' };
  return checkXAccount({ userId: account.accountId, accessToken: account.token, consumerSecret, apiUrl, accessLevel, names });
};

/** YouTube: `channels?mine=true` must be the mapped channel (1 unit; with refresh credentials, a refresh first). */
const checkYouTube: Checker = async (config, account) => {
  if (!config.youtube) return `not checked: YouTube is off (set YOUTUBE_CHANNEL_ID and its credentials)`;
  const credentials = credentialsWith(config.youtube.credentials, account.token);
  const api = createYouTubeApi({ ...config.youtube, channelId: account.accountId, credentials }, { timeoutMs: 4_000 });
  const mine = await findMyChannelId(api, unitMeter());
  if (mine !== account.accountId) {
    throw new Error(`${account.tokenEnv} acts as channel ${mine ?? '(none)'}, not ${account.accountId} — use that channel's own token`);
  }
  const form = credentials.kind === 'refresh_token' ? 'refresh token' : 'access token';
  return `${form} in ${account.tokenEnv} acts as channel ${mine}`;
};

/** A Facebook Page: Graph's `/me` with the Page token must be the Page. */
const checkPage: Checker = async (config, account) => {
  if (!config.meta) return `not checked: Meta is off (set META_APP_SECRET and META_VERIFY_TOKEN)`;
  const graph = new GraphClient({ graphUrl: config.meta.graphUrl, tokenFor: () => account.token, timeoutMs: 5_000 });
  const me = await graph.me(account.token);
  if (me.id !== account.accountId)
    throw new Error(`${account.tokenEnv} is the token of ${me.name ?? me.id} (${me.id}), not Page ${account.accountId}`);
  return `page token in ${account.tokenEnv} valid for ${me.name ?? me.id} (${me.id})`;
};

const CHECKERS: Readonly<Record<string, Checker>> = { x: checkX, youtube: checkYouTube, facebook: checkPage };

const accountCheck = (config: Readonly<Config>, account: AccountSettings, checker: Checker): DoctorCheck => {
  const name = `account ${labelOf(account)}`;
  const { tokenEnv, token } = account;
  if (tokenEnv === undefined) return { name, skip: 'no token_env: acts with the default token', run: async () => '' };
  return {
    name,
    run: async () => {
      if (token === undefined) throw new Error(`${tokenEnv} is not set: ${labelOf(account)} acts with the default token until it is`);
      return checker(config, { ...account, token, tokenEnv });
    },
  };
};

/**
 * One line per account the playbook maps on X, YouTube or Facebook: its token_env is set and its
 * token acts as that account. A playbook that does not load gives no lines (the playbook check says why).
 */
export const accountDoctorChecks = (config: Readonly<Config>, env: Readonly<Record<string, string | undefined>>): DoctorCheck[] => {
  let accounts: readonly AccountSettings[];
  try {
    accounts = resolveAccounts(loadPlaybook(config.playbookPath).spec, env).accounts.list;
  } catch {
    return [];
  }
  return accounts.flatMap((account) => {
    const checker = CHECKERS[account.platform];
    return checker ? [accountCheck(config, account, checker)] : [];
  });
};
