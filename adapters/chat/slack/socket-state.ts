import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../../src/logger.js';

type SocketClient = SocketModeReceiver['client'];

/** The part of the Socket Mode client that schedules a reconnection (not in its public types). */
interface Reconnecting {
  delayReconnectAttempt: (attempt: (this: SocketClient) => Promise<unknown>) => Promise<unknown>;
}

/**
 * @slack/socket-mode 3.1 reconnects by calling `start()` again and leaves the promise unhandled:
 * a reconnection refused for good (a revoked app token, Socket Mode switched off) would end the
 * process. Here it is logged instead; the connection stays down and readiness says so.
 */
const logFailedReconnections = (client: SocketClient, logger: Logger): void => {
  const scheduler = client as unknown as Reconnecting;
  const schedule = scheduler.delayReconnectAttempt.bind(client);
  scheduler.delayReconnectAttempt = (attempt) =>
    attempt === client.start
      ? schedule(function (this: SocketClient) {
          return attempt.call(this).catch((error: unknown) => {
            logger.error({ err: error }, 'Slack Socket Mode could not reconnect — check SLACK_APP_TOKEN and that Socket Mode is still on');
          });
        })
      : schedule(attempt);
};

export interface SocketState {
  /** Resolves while the socket is connected (Slack said hello); rejects otherwise, for /readyz. */
  ready: () => Promise<void>;
  /** We are closing it ourselves: not a loss worth a warning. */
  closing: () => void;
  isClosing: () => boolean;
}

/** Follows the socket through Slack's disconnects and the client's reconnections. */
export const watchSocket = (client: SocketClient, logger: Logger): SocketState => {
  let connected = false;
  let closing = false;
  logFailedReconnections(client, logger);
  client.on('connected', () => {
    connected = true;
  });
  client.on('close', () => {
    if (connected && !closing) logger.warn('Slack Socket Mode connection closed; reconnecting');
    connected = false;
  });
  return {
    ready: async () => {
      if (!connected) throw new Error('the Slack Socket Mode connection is not open');
    },
    closing: () => {
      closing = true;
    },
    isClosing: () => closing,
  };
};
