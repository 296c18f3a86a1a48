import net from 'node:net';

/**
 * A loopback TCP proxy in front of a real server. `down()` cuts every connection and refuses new
 * ones, as a restarting Postgres does, without touching the server other test files share.
 * `tapClient`, when given, makes a reader per connection that sees every chunk the client sends.
 */
export const startTcpProxy = async (target: { host: string; port: number }, tapClient?: () => (chunk: Buffer) => void) => {
  const sockets = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    const tap = tapClient?.();
    if (tap) client.on('data', tap);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    down: () => {
      up = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    up: () => {
      up = true;
    },
    close: async () => {
      up = false;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
