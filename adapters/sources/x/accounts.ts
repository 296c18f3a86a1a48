import type { AccountDirectory } from '../../../src/domain/accounts.js';
import { XApi, type XApiOptions } from './x-api.js';

/** One X account Switchboard serves: its user id and the API client that acts with its own user token. */
export interface XAccount {
  userId: string;
  api: XApi;
  /** The key of its mentions cursor: `x` for X_USER_ID (as before accounts existed), `x:mentions:<id>` for the others. */
  pollerName: string;
}

/**
 * X_USER_ID with X_ACCESS_TOKEN first, then every `accounts:` entry with `platform: x` whose token_env
 * is set (an entry for X_USER_ID itself only swaps its token). An entry without a token has nothing to
 * act with of its own: its mentions are not read, and it only names the account.
 */
export const xAccounts = (
  main: { userId: string; accessToken: string },
  directory: AccountDirectory,
  apiOptions: Omit<XApiOptions, 'accessToken'>,
): { main: XAccount; all: XAccount[] } => {
  const apiWith = (accessToken: string) => new XApi({ ...apiOptions, accessToken });
  const mainToken = directory.tokenFor('x', main.userId) ?? main.accessToken;
  const others = directory.list
    .filter((account) => account.platform === 'x' && account.accountId !== main.userId && account.token !== undefined)
    .map((account) => ({ userId: account.accountId, api: apiWith(account.token!), pollerName: `x:mentions:${account.accountId}` }));
  const first: XAccount = { userId: main.userId, api: apiWith(mainToken), pollerName: 'x' };
  return { main: first, all: [first, ...others] };
};
