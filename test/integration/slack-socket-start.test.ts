import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { APP_TOKEN, FakeSlackSocket } from '../fakes/fake-slack-socket.js';
import { postSigned, slashCommandRequest } from '../fixtures/slack.js';
import { CARD_CHANNEL, eventually, SIGNING_SECRET, startServices, type Services } from '../support/app-harness.js';
import { exited, spawnWorker } from '../support/child-worker.js';
import { USERS } from '../support/slack-press.js';

// `switchboard start` as its own process through tsx: seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let services: Services;
const socket = new FakeSlackSocket();

beforeAll(async () => {
  services = await startServices();
  await socket.start(services.slack);
});
afterAll(async () => {
  await socket.close();
  await services?.close();
});

const sla = (triggerId: string) =>
  slashCommandRequest({
    signingSecret: SIGNING_SECRET,
    command: '/sla',
    text: '',
    user: USERS.alice,
    channel: CARD_CHANNEL,
    responseUrl: services.slack.responseUrl(triggerId),
    triggerId,
  });

it('switchboard start with only the bot and app-level tokens: Slack is heard over the socket, no inbound HTTP, and SIGTERM closes it', async () => {
  const child = spawnWorker(
    { ...services.env, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: APP_TOKEN, SWITCHBOARD_LOG_LEVEL: 'info' },
    'start',
  );
  try {
    const url = await eventually(
      async () => /"url":"(http:\/\/[^"]+)"[^\n]*web server listening/u.exec(child.output())?.[1],
      'the web server',
      60_000,
    );
    await socket.waitForConnections(1, 60_000);
    const ack = await socket.deliver('slash_commands', Object.fromEntries(new URLSearchParams(sla('start-sla').body)));
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    expect((await postSigned(`${url}/slack/events`, sla('start-http'))).status).toBe(404);
    child.kill('SIGTERM');
    await exited(child);
    expect(child.exitCode).toBe(0);
    await eventually(async () => socket.closes.length > 0, 'the fake to hear the socket close');
    expect(socket.closes).toEqual([1000]);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
