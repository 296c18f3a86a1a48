import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorChecks } from '../../../src/cli/doctor-checks.js';
import { loadConfig } from '../../../src/config.js';
import { FakeGenericCallback } from '../../fakes/fake-generic-callback.js';
import { FakeX } from '../../fakes/fake-x.js';
import { GENERIC_SECRET } from '../../fixtures/generic.js';
import { X_ACCOUNT, X_TOKEN } from '../../fixtures/x.js';
import { rejection } from '../../contract/rejection.js';

const fake = new FakeX({ account: X_ACCOUNT, token: X_TOKEN });
const receiver = new FakeGenericCallback(GENERIC_SECRET);
let env: Record<string, string> = {};

const line = (name: string, overrides: Record<string, string> = {}) => {
  const check = doctorChecks(loadConfig({ ...env, ...overrides })).find((candidate) => candidate.name === name);
  if (!check) throw new Error(`no doctor check named ${name}`);
  return check;
};

beforeAll(async () => {
  env = {
    X_USER_ID: X_ACCOUNT.id,
    X_ACCESS_TOKEN: X_TOKEN,
    X_API_URL: (await fake.start()).url,
    GENERIC_WEBHOOK_SECRET: GENERIC_SECRET,
    GENERIC_CALLBACK_URL: (await receiver.start()).url,
  };
});
afterAll(async () => {
  await fake.close();
  await receiver.close();
});

describe('switchboard doctor: X', () => {
  it('says whose token it is, how mentions arrive and which access level applies', async () => {
    const detail = await line('x').run();
    expect(detail).toMatch(/token valid for @acmeoutdoor/u);
    expect(detail).toMatch(/mentions are polled/u);
    expect(detail).toMatch(/access level pay-per-use: .*no blocking/u);
    expect(await line('x', { X_CONSUMER_SECRET: 's', X_ACCESS_LEVEL: 'enterprise' }).run()).toMatch(
      /Account Activity webhook.*access level Enterprise: reply, hide replies, DM and block/u,
    );
  });

  it('fails with words for a refused token or another account’s token', async () => {
    expect(((await rejection(line('x', { X_ACCESS_TOKEN: 'revoked' }).run())) as Error).message).toMatch(/check X_ACCESS_TOKEN/u);
    expect(((await rejection(line('x', { X_USER_ID: '42' }).run())) as Error).message).toMatch(/not to X_USER_ID 42/u);
  });

  it('is skipped when X is not configured, and X_ACCESS_LEVEL takes only the two levels', () => {
    expect(doctorChecks(loadConfig({})).find((check) => check.name === 'x')?.skip).toMatch(/X_USER_ID and X_ACCESS_TOKEN/u);
    expect(() => loadConfig({ ...env, X_ACCESS_LEVEL: 'basic' })).toThrow(/X_ACCESS_LEVEL: expected pay-per-use or enterprise/u);
    expect(() => loadConfig({ X_CONSUMER_SECRET: 's' })).toThrow(/^X_USER_ID, X_ACCESS_TOKEN: not set, but X_CONSUMER_SECRET is/u);
    expect(() => loadConfig({ X_USER_ID: '1' })).toThrow(/^X_ACCESS_TOKEN: not set, but X_USER_ID is/u);
    expect(() => loadConfig({ GENERIC_CALLBACK_URL: 'https://bridge.example/hook' })).toThrow(
      /^GENERIC_WEBHOOK_SECRET: not set, but GENERIC_CALLBACK_URL is/u,
    );
    expect(() => loadConfig({ GENERIC_WEBHOOK_SECRET: 's', GENERIC_CALLBACK_URL: 'not a url' })).toThrow(
      /^GENERIC_CALLBACK_URL: expected the callback URL/u,
    );
  });
});

describe('switchboard doctor: generic', () => {
  it('reaches the callback without acting, and says when there is none', async () => {
    expect(await line('generic').run()).toMatch(/callback http:\/\/127\.0\.0\.1:\d+ reachable/u);
    expect(receiver.calls.filter((call) => !call.lookup)).toHaveLength(0);
    const withoutCallback = { ...env };
    delete withoutCallback.GENERIC_CALLBACK_URL;
    const check = doctorChecks(loadConfig(withoutCallback)).find((candidate) => candidate.name === 'generic');
    expect(await check?.run()).toMatch(/no GENERIC_CALLBACK_URL/u);
  });
});
