import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN } from '../../fakes/fake-slack-socket.js';
import { postSigned, slashCommandRequest } from '../../fixtures/slack.js';
import { CARD_CHANNEL, eventually, SIGNING_SECRET } from '../../support/app-harness.js';
import { runChatContract } from './chat-contract.js';
import type { ContractSetup } from './chat-driver.js';
import { makeSlackSocketDriver } from './slack-driver.js';
import { SLACK_PEOPLE, startSlackWorld, type SlackWorld } from './slack-setup.js';
import { overSocketMode } from './slack-transports.js';

runChatContract('Slack over Socket Mode', makeSlackSocketDriver);

const SETUP: ContractSetup = { onCall: 'dana' };

const readiness = async (world: SlackWorld) => {
  const response = await fetch(`${world.app.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { checks: { name: string; ok: boolean }[] } };
};

const slackCheck = (body: { checks: { name: string; ok: boolean }[] }) => body.checks.find((check) => check.name === 'slack');

/** Slack's /sla, delivered as Slack would over the socket; resolves with the acknowledgement's payload. */
const askSla = (transport: ReturnType<typeof overSocketMode>) =>
  transport.deliver(
    '',
    slashCommandRequest({
      signingSecret: SIGNING_SECRET,
      command: '/sla',
      text: '',
      user: SLACK_PEOPLE.alice,
      channel: CARD_CHANNEL,
      responseUrl: 'http://127.0.0.1:9/unused',
      triggerId: 'trigger-sla',
    }),
  );

describe('Slack over Socket Mode: no public URL', () => {
  const transport = overSocketMode();
  let world: SlackWorld;
  beforeAll(async () => {
    world = await startSlackWorld(SETUP, transport);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('started with only the bot and app-level tokens, it serves no /slack/events and asks Slack for a socket with the app token', async () => {
    const request = slashCommandRequest({
      signingSecret: SIGNING_SECRET,
      command: '/sla',
      text: '',
      user: SLACK_PEOPLE.alice,
      channel: CARD_CHANNEL,
      responseUrl: 'http://127.0.0.1:9/unused',
      triggerId: 'trigger-http',
    });
    expect((await postSigned(`${world.app.url}/slack/events`, request)).status).toBe(404);
    const opens = world.services.slack.callsTo('apps.connections.open');
    expect(opens.length).toBeGreaterThanOrEqual(1);
    expect(opens.every((call) => call.token === APP_TOKEN)).toBe(true);
    const answer = await askSla(transport);
    expect(JSON.parse(answer.text)).toMatchObject({ response_type: 'ephemeral' });
  });

  it('is ready only while the socket is open, and opens a new one when Slack drops it', async () => {
    await eventually(async () => (await readiness(world)).status === 200, 'ready once the socket is open');
    const opensBefore = transport.socket.opened.length;
    transport.socket.dropConnections();
    const down = await eventually(async () => {
      const answer = await readiness(world);
      return answer.status === 503 && answer;
    }, 'not ready while the socket is down');
    expect(slackCheck(down.body)).toMatchObject({ ok: false });
    await eventually(async () => (await readiness(world)).status === 200, 'ready again after reconnecting');
    expect(transport.socket.opened.length).toBeGreaterThan(opensBefore);
  });

  it("follows Slack's disconnect message to a new connection, and requests still arrive", async () => {
    const opensBefore = transport.socket.opened.length;
    transport.socket.sendDisconnect('refresh_requested');
    await eventually(async () => transport.socket.opened.length > opensBefore, 'a new apps.connections.open');
    await transport.socket.waitForConnections(1);
    const answer = await askSla(transport);
    expect(JSON.parse(answer.text)).toMatchObject({ response_type: 'ephemeral' });
  });

  it('survives hostile envelopes: a forged button value is answered privately, an unknown payload ignored, and requests still arrive', async () => {
    const { slack } = world.services;
    const forged = await transport.socket.deliver('interactive', {
      type: 'block_actions',
      user: { id: SLACK_PEOPLE.alice.id, username: 'alice', team_id: 'T0FAKE001' },
      team: { id: 'T0FAKE001', domain: 'fake-team' },
      channel: { id: CARD_CHANNEL, name: 'switchboard' },
      container: { type: 'message', message_ts: '1.000001', channel_id: CARD_CHANNEL },
      response_url: slack.responseUrl('forged'),
      trigger_id: 'trigger-forged',
      actions: [{ type: 'button', action_id: 'sb:approve', block_id: 'b', value: '{"not":"ours"', action_ts: '1.1' }],
    });
    expect(forged.envelope_id).toMatch(/^envelope-/u);
    await eventually(async () => slack.responses('forged')[0] as { response_type?: string } | undefined, 'the private answer');
    void transport.socket.deliver('interactive', { type: 'nonsense', whatever: [1, 2, 3] }).catch(() => undefined);
    const answer = await askSla(transport);
    expect(JSON.parse(answer.text)).toMatchObject({ response_type: 'ephemeral' });
  });

  it('closes the socket in good order when the app stops', async () => {
    await transport.socket.waitForConnections(1);
    const closesBefore = transport.socket.closes.length;
    await world.app.stop();
    // The client has closed its side; the fake hears of it a moment later.
    await eventually(async () => transport.socket.connections === 0, 'the fake to see the socket closed');
    expect(transport.socket.closes.slice(closesBefore)).toEqual([1000]);
  });
});

describe('Slack over Socket Mode: a reconnection refused for good', () => {
  const transport = overSocketMode();
  let world: SlackWorld;
  beforeAll(async () => {
    world = await startSlackWorld(SETUP, transport);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('is logged and leaves the app running, not ready (an unhandled rejection would end the process)', async () => {
    await transport.socket.waitForConnections(1);
    world.services.slack.failNext('apps.connections.open', { body: { ok: false, error: 'invalid_auth' } });
    transport.socket.dropConnections();
    await eventually(
      async () => world.services.slack.callsTo('apps.connections.open').some((call) => call.error === 'invalid_auth'),
      'the refused reconnection',
    );
    const answer = await readiness(world);
    expect(answer.status).toBe(503);
    expect(slackCheck(answer.body)).toMatchObject({ ok: false });
    expect((await fetch(`${world.app.url}/healthz`)).status).toBe(200);
  });
});
