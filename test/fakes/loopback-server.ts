import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake platform's HTTP server on a free loopback port, and how to stop it. */
export interface LoopbackServer {
  port: number;
  /** Stops listening and drops open keep-alive connections, so a test file ends at once. */
  close: () => Promise<void>;
}

/** Serves `handle` on 127.0.0.1 at a port the system picks (every fake server starts this way). */
export const listenOnLoopback = async (
  handle: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>,
): Promise<LoopbackServer> => {
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
