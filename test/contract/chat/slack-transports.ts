import { type SignedRequest, postSigned } from '../../fixtures/slack.js';
import type { Services } from '../../support/app-harness.js';
import { APP_TOKEN, type EnvelopeType, FakeSlackSocket } from '../../fakes/fake-slack-socket.js';

/** How Slack's requests reach the app under test: the one thing the Slack drivers do differently. */
export interface SlackTransport {
  /** Made ready before the app starts; answers the settings the app starts with. */
  prepare: (services: Services) => Promise<Record<string, string>>;
  /** Delivers a request as Slack would, answering with Slack's view of the acknowledgement's body. */
  deliver: (appUrl: string, request: SignedRequest) => Promise<{ status: number; text: string }>;
  close: () => Promise<void>;
}

/** Signed POSTs to /slack/events, byte for byte. */
export const overHttp = (): SlackTransport => ({
  prepare: async () => ({}),
  deliver: (appUrl, request) => postSigned(`${appUrl}/slack/events`, request),
  close: async () => undefined,
});

/** The same request as Slack would put it in a Socket Mode envelope: interactivity as JSON, a slash command's fields as an object. */
const envelopeOf = (request: SignedRequest): { type: EnvelopeType; payload: unknown } => {
  const fields = new URLSearchParams(request.body);
  const payload = fields.get('payload');
  return payload === null
    ? { type: 'slash_commands', payload: Object.fromEntries(fields) }
    : { type: 'interactive', payload: JSON.parse(payload) as unknown };
};

/** Socket Mode: the app starts with only its bot and app-level tokens (no signing secret) and hears Slack on a WebSocket. */
export const overSocketMode = (): SlackTransport & { socket: FakeSlackSocket } => {
  const socket = new FakeSlackSocket();
  return {
    socket,
    prepare: async (services) => {
      await socket.start(services.slack);
      return { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' };
    },
    deliver: async (_appUrl, request) => {
      const { type, payload } = envelopeOf(request);
      const ack = await socket.deliver(type, payload);
      return { status: 200, text: JSON.stringify(ack.payload ?? {}) };
    },
    close: () => socket.close(),
  };
};
