import type { ChatName } from './chat.js';

/** A brand account as the playbook's `accounts:` section describes it, its token already looked up. */
export interface AccountSettings {
  platform: string;
  accountId: string;
  name: string | undefined;
  /** The name of the environment variable that holds its token (for messages: never the token). */
  tokenEnv: string | undefined;
  token: string | undefined;
  cardChannels: Partial<Record<ChatName, string>>;
}

export interface AccountRef {
  platform: string;
  accountId: string;
}

/** What the rest of the app asks about the accounts the playbook maps; anything it does not map gets the defaults. */
export interface AccountDirectory {
  list: readonly AccountSettings[];
  find: (account: AccountRef) => AccountSettings | undefined;
  /** The token to act as this account; undefined when the playbook does not map one (the source's default token applies). */
  tokenFor: (platform: string, accountId: string) => string | undefined;
  /** This account's own card channel in a chat; undefined: the chat's default. */
  cardChannel: (chat: ChatName, account: AccountRef) => string | undefined;
}

// A Page's Messenger conversations belong to the Page: one entry (facebook) serves both.
const FAMILY: Readonly<Record<string, string>> = { messenger: 'facebook' };
const keyOf = (platform: string, accountId: string) => `${FAMILY[platform] ?? platform}\u0000${accountId}`;

export const accountDirectory = (accounts: readonly AccountSettings[]): AccountDirectory => {
  const byKey = new Map(accounts.map((account) => [keyOf(account.platform, account.accountId), account]));
  const find = ({ platform, accountId }: AccountRef) => byKey.get(keyOf(platform, accountId));
  return {
    list: accounts,
    find,
    tokenFor: (platform, accountId) => find({ platform, accountId })?.token,
    cardChannel: (chat, account) => find(account)?.cardChannels[chat],
  };
};

/** The display names to store, per platform the account's messages arrive under (a Page's also under messenger). */
export const accountNames = (directory: AccountDirectory): { platform: string; externalId: string; name: string }[] =>
  directory.list.flatMap((account) => {
    if (!account.name) return [];
    const platforms = [account.platform, ...Object.keys(FAMILY).filter((member) => FAMILY[member] === account.platform)];
    return platforms.map((platform) => ({ platform, externalId: account.accountId, name: account.name! }));
  });

export const NO_ACCOUNTS: AccountDirectory = accountDirectory([]);
