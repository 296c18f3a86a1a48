import { type AccountDirectory, type AccountSettings, accountDirectory } from '../domain/accounts.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

/**
 * The playbook's `accounts:` with each token read from the environment variable it names. An account
 * whose variable is not set keeps the source's default token, and the warning says so (start-up goes on).
 */
export const resolveAccounts = (
  spec: Pick<PlaybookSpec, 'accounts'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { accounts: AccountDirectory; warnings: string[] } => {
  const warnings: string[] = [];
  const settings = (spec.accounts ?? []).map((account, index): AccountSettings => {
    const token = account.token_env ? env[account.token_env] : undefined;
    if (account.token_env && !token) {
      warnings.push(
        `accounts[${index}].token_env: ${account.token_env} is not set; ${account.name ?? `${account.platform} ${account.id}`} uses the default token`,
      );
    }
    return {
      platform: account.platform,
      accountId: account.id,
      name: account.name,
      tokenEnv: account.token_env,
      token: token || undefined,
      cardChannels: { ...account.card_channels },
    };
  });
  return { accounts: accountDirectory(settings), warnings };
};
