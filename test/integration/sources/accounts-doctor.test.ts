import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorChecks } from '../../../src/cli/doctor-checks.js';
import { loadConfig } from '../../../src/config.js';
import { FakeX } from '../../fakes/fake-x.js';
import { FakeYouTube } from '../../fakes/fake-youtube.js';
import { X_ACCOUNT, X_TOKEN } from '../../fixtures/x.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';

const OUTLET_X = { id: '1450000000000000002', name: 'Acme Outlet', username: 'acmeoutlet' };
const MAIN_CHANNEL = 'UCacmeOutdoor0000000000';
const OUTLET_CHANNEL = 'UCacmeOutlet00000000000';

const x = new FakeX({ account: X_ACCOUNT, token: X_TOKEN });
x.addAccount(OUTLET_X, 'x-token-outlet');
const youtube = new FakeYouTube({ channelId: MAIN_CHANNEL, tokens: ['ya29.main'] });
youtube.addChannel(OUTLET_CHANNEL, { token: 'ya29.outlet', videoIds: [] });
let playbook = '';
let env: Record<string, string> = {};

beforeAll(async () => {
  const { apiUrl, oauthUrl } = await youtube.start();
  playbook = writeTestPlaybook({
    accounts: [
      { platform: 'x', id: OUTLET_X.id, name: 'X outlet', token_env: 'X_TOKEN_OUTLET' },
      { platform: 'x', id: '1450000000000000003', name: 'X wrong token', token_env: 'X_TOKEN_WRONG' },
      { platform: 'x', id: '1450000000000000004', name: 'X unset', token_env: 'X_TOKEN_UNSET' },
      { platform: 'x', id: '1450000000000000005', name: 'X default token' },
      { platform: 'youtube', id: OUTLET_CHANNEL, name: 'YouTube outlet', token_env: 'YOUTUBE_TOKEN_OUTLET' },
      { platform: 'youtube', id: 'UCacmeKids0000000000000', name: 'YouTube wrong token', token_env: 'YOUTUBE_TOKEN_WRONG' },
    ],
  });
  env = {
    SWITCHBOARD_PLAYBOOK: playbook,
    X_USER_ID: X_ACCOUNT.id,
    X_ACCESS_TOKEN: X_TOKEN,
    X_API_URL: (await x.start()).url,
    YOUTUBE_CHANNEL_ID: MAIN_CHANNEL,
    YOUTUBE_ACCESS_TOKEN: 'ya29.main',
    YOUTUBE_API_URL: apiUrl,
    GOOGLE_OAUTH_URL: oauthUrl,
    X_TOKEN_OUTLET: 'x-token-outlet',
    X_TOKEN_WRONG: X_TOKEN,
    YOUTUBE_TOKEN_OUTLET: 'ya29.outlet',
    YOUTUBE_TOKEN_WRONG: 'ya29.main',
  };
});
afterAll(async () => {
  await x.close();
  await youtube.close();
  rmSync(playbook, { force: true });
});

const check = (name: string) => {
  const found = doctorChecks(loadConfig(env), env).find((candidate) => candidate.name === `account ${name}`);
  if (!found) throw new Error(`no doctor line for ${name}`);
  return found;
};

describe('switchboard doctor: the playbook’s mapped accounts', () => {
  it('an X account whose token is its own is valid; another’s token or an unset variable is a failure that says what to fix', async () => {
    expect(await check('X outlet').run()).toMatch(/token valid for @acmeoutlet \(1450000000000000002\)/u);
    await expect(check('X wrong token').run()).rejects.toThrow(
      /X_TOKEN_WRONG belongs to @acmeoutdoor .*not to the mapped id 1450000000000000003/u,
    );
    await expect(check('X unset').run()).rejects.toThrow(/X_TOKEN_UNSET is not set/u);
    expect(check('X default token').skip).toMatch(/no token_env/u);
  });

  it('a YouTube channel’s token must act as that channel (channels?mine=true)', async () => {
    expect(await check('YouTube outlet').run()).toMatch(/access token in YOUTUBE_TOKEN_OUTLET acts as channel UCacmeOutlet00000000000/u);
    await expect(check('YouTube wrong token').run()).rejects.toThrow(
      /YOUTUBE_TOKEN_WRONG acts as channel UCacmeOutdoor0000000000, not UCacmeKids/u,
    );
  });
});
