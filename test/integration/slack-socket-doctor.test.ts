import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackSocketCheck } from '../../src/cli/doctor-slack-socket.js';
import { loadConfig } from '../../src/config.js';
import { createFakeSlack, DEFAULT_TOKEN, type FakeSlack } from '../fakes/fake-slack.js';
import { APP_TOKEN, FakeSlackSocket } from '../fakes/fake-slack-socket.js';

describe('switchboard doctor: the Socket Mode line', () => {
  const slack: FakeSlack = createFakeSlack();
  const socket = new FakeSlackSocket();
  let apiUrl = '';
  beforeAll(async () => {
    apiUrl = (await slack.start()).url;
    await socket.start(slack);
  });
  afterAll(async () => {
    await socket.close();
    await slack.close();
  });

  const check = (env: Record<string, string>) =>
    slackSocketCheck(loadConfig({ SLACK_BOT_TOKEN: DEFAULT_TOKEN, SLACK_API_URL: apiUrl, ...env }));

  it('is skipped, saying how to turn it on, without an app-level token', () => {
    expect(check({ SLACK_SIGNING_SECRET: 's' }).skip).toMatch(/set SLACK_APP_TOKEN/u);
  });

  it('asks Slack for a connection URL with the app token in the Authorization header', async () => {
    await expect(check({ SLACK_APP_TOKEN: APP_TOKEN }).run()).resolves.toMatch(/app-level token valid and Socket Mode on; no public URL/u);
    const call = slack.callsTo('apps.connections.open').at(-1);
    expect(call).toMatchObject({ token: APP_TOKEN, status: 200 });
    expect(call?.body.token).toBeUndefined();
  });

  it('names the variable to fix when the token is refused', async () => {
    await expect(check({ SLACK_APP_TOKEN: 'xapp-1-revoked' }).run()).rejects.toThrow(
      /apps.connections.open answered invalid_auth — check SLACK_APP_TOKEN/u,
    );
  });
});
