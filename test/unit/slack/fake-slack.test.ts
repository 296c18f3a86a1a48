import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockAction, type ButtonAction, isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import { type Logger, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseButtonValue, parseEditSubmission, renderCard, renderEditModal } from '../../../adapters/chat/slack/render-card.js';
import type { CardModel } from '../../../src/domain/card.js';
import { DEFAULT_TOKEN, FakeSlack } from '../../fakes/fake-slack.js';
import { blockActionRequest, postSigned, type SignedRequest, slashCommandRequest, viewSubmissionRequest } from '../../fixtures/slack.js';

const CHANNEL = 'C0CARDS01';
const SECRET = 'fake-signing-secret';
const MARIA = { id: 'U0MARIA01', username: 'maria', name: 'Maria Agent' };

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

const card: CardModel = {
  cardId: 'card-42',
  version: 1,
  headline: 'Refund request · Facebook · Maria K.: “I want a refund”',
  platform: 'facebook',
  accountName: 'Acme & Co',
  author: { name: 'Maria K.', recentMessages: 2, pastHandoffs: 0, tags: [] },
  message: { text: 'I want a refund <now>', thread: [] },
  reasons: [{ rule: 'refund-words', kind: 'handoff', matched: ['refund'] }],
  priority: 'high',
  draft: { text: 'Sorry to hear that!', source: 'refund-apology' },
  state: 'open',
  history: [],
  buttons: ['approve', 'edit', 'block'],
};

/** Slack's platform errors surface from the WebClient as `{ code, data: { error } }`. */
const slackError = async (
  work: Promise<unknown>,
): Promise<{ code?: string; data?: { error?: string; response_metadata?: { messages?: string[] } } }> => {
  try {
    await work;
  } catch (error) {
    return error as { code?: string; data?: { error?: string } };
  }
  throw new Error('expected the Slack call to fail');
};

const headersOf = (request: SignedRequest) => ({
  'x-slack-signature': request.headers['x-slack-signature'] ?? '',
  'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
});

describe('fake Slack driven by the real WebClient', () => {
  const slack = new FakeSlack({ channels: [CHANNEL], users: [{ id: MARIA.id, name: 'maria', real_name: 'Maria Agent' }] });
  let apiUrl = '';
  const client = (options: WebClientOptions = {}, token = DEFAULT_TOKEN) =>
    new WebClient(token, { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, logger: quiet, ...options });

  beforeAll(async () => {
    apiUrl = (await slack.start()).url;
  });
  afterAll(() => slack.close());

  it('answers auth.test with the bot identity and records the bearer token', async () => {
    const answer = await client().auth.test();
    expect(answer).toMatchObject({ ok: true, user_id: 'U0FAKEBOT', bot_id: 'B0FAKEBOT', team_id: 'T0FAKE001' });
    expect(slack.callsTo('auth.test').at(-1)?.token).toBe(DEFAULT_TOKEN);
  });

  it('refuses an unknown token with invalid_auth, as HTTP 200', async () => {
    const error = await slackError(client({}, 'xoxb-revoked').auth.test());
    expect(error.code).toBe('slack_webapi_platform_error');
    expect(error.data?.error).toBe('invalid_auth');
  });

  it('receives a card form-encoded and parses its blocks and metadata back', async () => {
    const rendered = renderCard(card, { now: new Date('2026-03-02T10:00:00Z') });
    const metadata = { event_type: 'switchboard_card', event_payload: { card_id: card.cardId } };
    const answer = await client().chat.postMessage({ channel: CHANNEL, text: rendered.text, blocks: rendered.blocks, metadata });
    expect(answer.ts).toMatch(/^\d{10}\.\d{6}$/u);
    const call = slack.callsTo('chat.postMessage').at(-1);
    expect(call?.contentType).toBe('application/x-www-form-urlencoded');
    expect(call?.body).toMatchObject({ channel: CHANNEL, text: rendered.text, blocks: rendered.blocks, metadata });
    expect(slack.messagesIn(CHANNEL).at(-1)).toMatchObject({ ts: answer.ts, blocks: rendered.blocks, bot_id: 'B0FAKEBOT' });
  });

  it('gives increasing, unique ts and keeps thread replies out of the history', async () => {
    const web = client();
    const parent = await web.chat.postMessage({ channel: CHANNEL, text: 'parent' });
    const reply = await web.chat.postMessage({ channel: CHANNEL, text: 'reply', thread_ts: parent.ts ?? '' });
    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts));
    const history = await web.conversations.history({ channel: CHANNEL, oldest: parent.ts ?? '', inclusive: true });
    expect(history.messages?.map((m) => m.text)).toEqual(['parent']);
    expect(history.messages?.[0]).toMatchObject({ thread_ts: parent.ts, reply_count: 1 });
    const replies = await web.conversations.replies({ channel: CHANNEL, ts: parent.ts ?? '' });
    expect(replies.messages?.map((m) => m.text)).toEqual(['parent', 'reply']);
  });

  it('returns metadata from history only when asked, newest first, from `oldest` on', async () => {
    const web = client();
    const metadata = { event_type: 'switchboard_card', event_payload: { card_id: 'c-meta' } };
    const first = await web.chat.postMessage({ channel: CHANNEL, text: 'first', metadata });
    await web.chat.postMessage({ channel: CHANNEL, text: 'second', metadata });
    const oldest = first.ts ?? '';
    const bare = await web.conversations.history({ channel: CHANNEL, oldest, inclusive: true });
    expect(bare.messages?.map((m) => m.text)).toEqual(['second', 'first']);
    expect(bare.messages?.[0]?.metadata).toBeUndefined();
    const full = await web.conversations.history({ channel: CHANNEL, oldest, include_all_metadata: true });
    expect(full.messages?.map((m) => m.metadata?.event_payload)).toEqual([{ card_id: 'c-meta' }]);
  });

  it('updates a message by channel and ts, and says message_not_found otherwise', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: CHANNEL, text: 'before' });
    const updated = await web.chat.update({ channel: CHANNEL, ts: posted.ts ?? '', text: 'after' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'after' });
    expect(slack.messagesIn(CHANNEL).find((m) => m.ts === posted.ts)).toMatchObject({ text: 'after', edited: { user: 'U0FAKEBOT' } });
    const missing = await slackError(web.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' }));
    expect(missing.data?.error).toBe('message_not_found');
    const ephemeral = await web.chat.postEphemeral({ channel: CHANNEL, user: MARIA.id, text: 'only you' });
    const notEditable = await slackError(web.chat.update({ channel: CHANNEL, ts: ephemeral.message_ts ?? '', text: 'x' }));
    expect(notEditable.data?.error).toBe('message_not_found');
    expect(slack.ephemeralsFor(MARIA.id).at(-1)).toMatchObject({ channel: CHANNEL, text: 'only you' });
  });

  it('refuses unknown channels and blocks that break Block Kit limits, in Slack’s words', async () => {
    const web = client();
    expect((await slackError(web.chat.postMessage({ channel: 'C0NOWHERE', text: 'x' }))).data?.error).toBe('channel_not_found');
    const tooLong = await slackError(
      web.chat.postMessage({
        channel: CHANNEL,
        text: 'x',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      }),
    );
    expect(tooLong.data?.error).toBe('invalid_blocks');
    expect(tooLong.data?.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });

  it('surfaces a scripted 429 as the WebClient’s rate-limit error, then serves the next call', async () => {
    slack.rateLimitNext('chat.postMessage', 7);
    const error = await slackError(client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: CHANNEL, text: 'x' }));
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect((error as { retryAfter?: number }).retryAfter).toBe(7);
    expect(slack.callsTo('chat.postMessage').at(-1)).toMatchObject({ status: 429, error: 'ratelimited' });
    await expect(client().chat.postMessage({ channel: CHANNEL, text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('answers a scripted {ok:false} once', async () => {
    slack.failNext('chat.update', { body: { ok: false, error: 'cant_update_message' } });
    const posted = await client().chat.postMessage({ channel: CHANNEL, text: 'x' });
    const error = await slackError(client().chat.update({ channel: CHANNEL, ts: posted.ts ?? '', text: 'y' }));
    expect(error.data?.error).toBe('cant_update_message');
    await expect(client().chat.update({ channel: CHANNEL, ts: posted.ts ?? '', text: 'y' })).resolves.toMatchObject({ ok: true });
  });

  it('gives permalinks, opens DMs and answers users.info', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: CHANNEL, text: 'x' });
    const link = await web.chat.getPermalink({ channel: CHANNEL, message_ts: posted.ts ?? '' });
    expect(link.permalink).toBe(`https://fake-team.slack.com/archives/${CHANNEL}/p${posted.ts?.replace('.', '')}`);
    const dm = await web.conversations.open({ users: MARIA.id });
    expect((await web.conversations.open({ users: MARIA.id })).channel?.id).toBe(dm.channel?.id);
    await web.chat.postMessage({ channel: dm.channel?.id ?? '', text: 'psst' });
    expect(slack.messagesIn(dm.channel?.id ?? '')).toHaveLength(1);
    expect((await web.users.info({ user: MARIA.id })).user).toMatchObject({ id: MARIA.id, real_name: 'Maria Agent' });
    expect((await slackError(web.users.info({ user: 'U0NOBODY' }))).data?.error).toBe('user_not_found');
  });

  it('opens and updates the Edit modal, and refuses a trigger used twice', async () => {
    const web = client();
    const opened = await web.views.open({ trigger_id: 'trigger-1', view: renderEditModal(card) });
    expect(opened.view).toMatchObject({ callback_id: 'sb:edit', private_metadata: '{"card":"card-42","v":1}' });
    expect((await slackError(web.views.open({ trigger_id: 'trigger-1', view: renderEditModal(card) }))).data?.error).toBe(
      'exchanged_trigger_id',
    );
    const updated = await web.views.update({ view_id: opened.view?.id ?? '', view: renderEditModal({ ...card, version: 2 }) });
    expect(updated.view?.private_metadata).toBe('{"card":"card-42","v":2}');
  });

  it('waits for a call, and times out naming what it saw', async () => {
    const web = client();
    setTimeout(() => void web.chat.postMessage({ channel: CHANNEL, text: 'later' }), 30);
    const found = await slack.waitFor((s) => s.messagesIn(CHANNEL).find((m) => m.text === 'later'), 1000);
    expect(found.text).toBe('later');
    await expect(slack.waitFor(() => false, 50, 'a message saying never')).rejects.toThrow(
      /fake Slack: a message saying never not met within 50 ms; calls so far: auth\.test ×\d+, chat\.postMessage ×\d+/u,
    );
  });

  it('records what is posted to a response_url, and can refuse it', async () => {
    const url = slack.responseUrl('press-1');
    const body = { response_type: 'ephemeral', replace_original: false, text: 'Done' };
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(ok.status).toBe(200);
    expect(slack.responses('press-1')).toEqual([body]);
    slack.failNext('response_url', { status: 404, body: 'used_url' });
    expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('signed inbound requests', () => {
  const press = (timestamp?: number) =>
    blockActionRequest({
      signingSecret: SECRET,
      user: MARIA,
      actionId: 'sb:approve',
      value: '{"card":"card-42","v":1}',
      channel: CHANNEL,
      messageTs: '1700000000.000100',
      responseUrl: 'http://127.0.0.1:1/response/x',
      triggerId: '123.456.abc',
      ...(timestamp === undefined ? {} : { timestamp }),
    });

  it('are signed as Slack signs them', () => {
    const request = press();
    expect(() => verifySlackRequest({ signingSecret: SECRET, body: request.body, headers: headersOf(request) })).not.toThrow();
    const command = slashCommandRequest({
      signingSecret: SECRET,
      command: '/kpi',
      text: '7d',
      user: MARIA,
      channel: CHANNEL,
      responseUrl: 'http://x/response/1',
      triggerId: '1.2.3',
    });
    expect(isValidSlackRequest({ signingSecret: SECRET, body: command.body, headers: headersOf(command) })).toBe(true);
    expect(new URLSearchParams(command.body).get('command')).toBe('/kpi');
  });

  it('fail verification when stale, tampered with or signed with another secret', () => {
    const stale = press(Math.floor(Date.now() / 1000) - 6 * 60);
    expect(isValidSlackRequest({ signingSecret: SECRET, body: stale.body, headers: headersOf(stale) })).toBe(false);
    const request = press();
    expect(isValidSlackRequest({ signingSecret: SECRET, body: `${request.body}x`, headers: headersOf(request) })).toBe(false);
    expect(isValidSlackRequest({ signingSecret: 'other', body: request.body, headers: headersOf(request) })).toBe(false);
  });

  it('carry a view_submission whose view our parser reads', () => {
    const request = viewSubmissionRequest({
      signingSecret: SECRET,
      user: MARIA,
      callbackId: 'sb:edit',
      privateMetadata: '{"card":"card-42","v":1}',
      values: { sb_draft: { draft: 'Edited' } },
    });
    const payload: unknown = JSON.parse(new URLSearchParams(request.body).get('payload') ?? '{}');
    expect(parseEditSubmission((payload as { view: unknown }).view)).toEqual({ cardId: 'card-42', version: 1, text: 'Edited' });
  });
});

describe('Bolt, the fixtures and the fake together', () => {
  const slack = new FakeSlack({ channels: [CHANNEL] });
  let app: App | undefined;
  afterEach(async () => {
    await app?.stop();
    await slack.close();
  });

  it('a signed button press reaches the handler, which updates the card and responds', async () => {
    const { url } = await slack.start();
    app = new App({
      token: DEFAULT_TOKEN,
      signingSecret: SECRET,
      botId: 'B0FAKEBOT',
      botUserId: 'U0FAKEBOT',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: url, retryConfig: { retries: 0 } },
    });
    app.action<BlockAction<ButtonAction>>(/^sb:/u, async ({ ack, action, body, client, respond }) => {
      await ack();
      const pressed = parseButtonValue(action.action_id, action.value);
      await client.chat.update({ channel: body.channel?.id ?? '', ts: body.message?.ts ?? '', text: `pressed ${pressed?.button}` });
      await respond({ response_type: 'ephemeral', replace_original: false, text: `${pressed?.button} v${pressed?.version}` });
    });
    const server = (await app.start(0)) as Server;
    const port = (server.address() as AddressInfo).port;
    const posted = renderCard(card);
    const message = await new WebClient(DEFAULT_TOKEN, { slackApiUrl: url, retryConfig: { retries: 0 } }).chat.postMessage({
      channel: CHANNEL,
      ...posted,
    });
    const button = posted.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e) => e.action_id === 'sb:approve');
    const request = blockActionRequest({
      signingSecret: SECRET,
      user: MARIA,
      actionId: 'sb:approve',
      value: button && 'value' in button ? (button.value ?? '') : '',
      channel: CHANNEL,
      messageTs: message.ts ?? '',
      responseUrl: slack.responseUrl('press-1'),
      triggerId: '123.456.abc',
      message: posted,
    });
    const answer = await postSigned(`http://127.0.0.1:${port}/slack/events`, request);
    expect(answer.status).toBe(200);
    await slack.waitFor((s) => s.responses('press-1').length > 0, 2000, 'the respond() post');
    expect(slack.responses('press-1')).toEqual([{ response_type: 'ephemeral', replace_original: false, text: 'approve v1' }]);
    expect(slack.messagesIn(CHANNEL).find((m) => m.ts === message.ts)?.text).toBe('pressed approve');
    const forged = await postSigned(`http://127.0.0.1:${port}/slack/events`, { ...request, body: `${request.body}&x=1` });
    expect(forged.status).toBe(401);
  });
});
