import { SocketModeReceiver } from '@slack/bolt';
import type { ChatConnection } from '../../../src/command-center/chat-entry.js';
import type { Logger } from '../../../src/logger.js';
import { toBoltLogger } from './bolt-logger.js';
import { createSlackApp, type SlackAppOptions } from './slack-app.js';
import { watchSocket } from './socket-state.js';

export interface SlackSocketOptions extends SlackAppOptions {
  /** The app-level token (`xapp-…`, scope `connections:write`). */
  appToken: string;
  /** Where `apps.connections.open` is asked for the socket's URL (SLACK_API_URL). */
  slackApiUrl: string;
}

/**
 * The socket's own Web API client: only `apps.connections.open` with the app token. It keeps
 * Socket Mode's own patient retries (the bot's client fails fast for the queue instead), and
 * sets no `headers`, which would replace the app token with the bot token.
 */
const socketClientOptions = (options: SlackSocketOptions) => ({
  slackApiUrl: options.slackApiUrl,
  timeout: 10_000,
  retryConfig: { retries: 100, factor: 1.3, maxTimeout: 30_000 },
});

const explain = (error: unknown, logger: Logger) =>
  logger.error(
    { err: error },
    'Slack Socket Mode could not connect — check SLACK_APP_TOKEN (an xapp- token with connections:write) and that Socket Mode is on for the app',
  );

/**
 * The same Bolt app over Socket Mode: Slack delivers presses, edits and commands on a WebSocket the
 * app opens itself, so no public URL is needed. The connection is made in the background (and
 * remade as Bolt does after Slack's disconnects); until it is up, `ready` says so.
 */
export const connectSlackSocket = (options: SlackSocketOptions): ChatConnection => {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: toBoltLogger(options.logger),
    installerOptions: { clientOptions: socketClientOptions(options) },
  });
  const app = createSlackApp(receiver, options);
  const state = watchSocket(receiver.client, options.logger);
  void app.start().then(
    // Closed while Slack was still being asked for a URL: the socket opened late, and goes at once.
    () => (state.isClosing() ? receiver.client.disconnect() : options.logger.info('Slack Socket Mode connected')),
    (error: unknown) => state.isClosing() || explain(error, options.logger),
  );
  return {
    ready: state.ready,
    close: async () => {
      state.closing();
      // Bolt's stop() does not wait for the socket to close; the client's disconnect() does.
      await receiver.client.disconnect();
    },
  };
};
