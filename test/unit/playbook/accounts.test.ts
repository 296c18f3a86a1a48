import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { resolveAccounts } from '../../../src/playbook/accounts.js';
import { parsePlaybook } from '../../../src/playbook/index.js';

const HEAD = 'version: 1\nrules: []\naccounts:\n';

const errorOf = (yaml: string): string => {
  try {
    parsePlaybook(yaml, 'bad.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected the playbook to be refused');
};

describe('the accounts section', () => {
  it('maps accounts to a name, a token variable and card channels', () => {
    const yaml = `${HEAD}  - platform: facebook\n    id: "104857600000002"\n    name: Outlet\n    token_env: META_TOKEN_OUTLET\n    card_channels: { slack: C0OUTLET, discord: "1100000000000000003" }\n`;
    expect(parsePlaybook(yaml, 'ok.yaml').spec.accounts).toEqual([
      {
        platform: 'facebook',
        id: '104857600000002',
        name: 'Outlet',
        token_env: 'META_TOKEN_OUTLET',
        card_channels: { slack: 'C0OUTLET', discord: '1100000000000000003' },
      },
    ]);
  });

  it('refuses a token in place of a variable name, with its line and column', () => {
    const message = errorOf(`${HEAD}  - platform: facebook\n    id: "1"\n    token_env: EAAGm0PX4ZCpsBAKZB7e\n`);
    expect(message).toMatch(
      /^bad\.yaml:6:16: accounts\[0\]\.token_env: expected the name of an environment variable .*never the token itself/u,
    );
  });

  it('asks for ids as quoted strings (a YAML number loses digits)', () => {
    expect(errorOf(`${HEAD}  - platform: facebook\n    id: 104857600000002\n`)).toMatch(
      /^bad\.yaml:5:9: accounts\[0\]\.id: expected the account id as a quoted string/u,
    );
    expect(errorOf(`${HEAD}  - platform: x\n    id: "2244994945"\n    card_channels: { discord: 1100000000000000003 }\n`)).toMatch(
      /^bad\.yaml:6:31: accounts\[0\]\.card_channels\.discord: expected a Discord channel id as a quoted string/u,
    );
  });

  it('refuses an unknown chat, a malformed Slack channel and an account listed twice', () => {
    expect(errorOf(`${HEAD}  - platform: youtube\n    id: UC_x5XG1OV2P6uZZ5FSM9Ttw\n    card_channels: { teams: abc }\n`)).toMatch(
      /^bad\.yaml:6:22: accounts\[0\]\.card_channels\.teams: unexpected key "teams"/u,
    );
    expect(errorOf(`${HEAD}  - platform: instagram\n    id: "17841400000000001"\n    card_channels: { slack: "#support" }\n`)).toMatch(
      /accounts\[0\]\.card_channels\.slack: expected a Slack channel id such as C0123ABCD/u,
    );
    expect(errorOf(`${HEAD}  - { platform: facebook, id: "1" }\n  - { platform: messenger, id: "1" }\n`)).toMatch(
      /^bad\.yaml:5:\d+: accounts\[1\]\.id: expected each account once, messenger 1 is listed twice/u,
    );
  });
});

describe('resolveAccounts', () => {
  const spec = {
    accounts: [
      { platform: 'facebook', id: '104857600000002', name: 'Outlet', token_env: 'META_TOKEN_OUTLET', card_channels: { slack: 'C0OUTLET' } },
      { platform: 'whatsapp', id: '106540352242922', token_env: 'WA_TOKEN_SUPPORT' },
    ],
  };

  it('reads each token from the variable it names; a Page also serves its Messenger', () => {
    const { accounts, warnings } = resolveAccounts(spec, { META_TOKEN_OUTLET: 'EAAG-outlet', WA_TOKEN_SUPPORT: 'EAAG-wa' });
    expect(warnings).toEqual([]);
    expect(accounts.tokenFor('facebook', '104857600000002')).toBe('EAAG-outlet');
    expect(accounts.tokenFor('messenger', '104857600000002')).toBe('EAAG-outlet');
    expect(accounts.tokenFor('whatsapp', '106540352242922')).toBe('EAAG-wa');
    expect(accounts.tokenFor('facebook', '104857600000001')).toBeUndefined();
    expect(accounts.cardChannel('slack', { platform: 'messenger', accountId: '104857600000002' })).toBe('C0OUTLET');
    expect(accounts.cardChannel('discord', { platform: 'facebook', accountId: '104857600000002' })).toBeUndefined();
    expect(accounts.find({ platform: 'facebook', accountId: '104857600000002' })?.name).toBe('Outlet');
  });

  it('warns, naming the variable and never a token, when a variable is not set; the default token applies', () => {
    const { accounts, warnings } = resolveAccounts(spec, { WA_TOKEN_SUPPORT: 'EAAG-wa' });
    expect(warnings).toEqual(['accounts[0].token_env: META_TOKEN_OUTLET is not set; Outlet uses the default token']);
    expect(accounts.tokenFor('facebook', '104857600000002')).toBeUndefined();
  });
});
