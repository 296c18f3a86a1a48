import { startTcpProxy } from '../../support/tcp-proxy.js';

/*
 * A loopback proxy in front of the real Postgres that counts round trips as Postgres sees them:
 * every simple Query ('Q') and every Sync ('S', which ends an extended-protocol query:
 * Parse/Bind/Execute/Sync go out in one write) the clients send. Nothing in the app is patched;
 * point its DATABASE_URL at the proxy.
 */

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/** Reads one client's stream of frontend messages and reports each message type. */
const frontendReader = (onMessage: (type: string) => void) => {
  let buffer = Buffer.alloc(0);
  let startedUp = false;
  return (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (!startedUp) {
        // Before start-up a message has no type byte: Int32 length, Int32 code.
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        startedUp = code !== SSL_REQUEST && code !== GSS_REQUEST;
        buffer = buffer.subarray(length);
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      onMessage(String.fromCharCode(buffer[0]!));
      buffer = buffer.subarray(1 + length);
    }
  };
};

export const startCountingProxy = async (target: { host: string; port: number }) => {
  let roundTrips = 0;
  const proxy = await startTcpProxy(target, () =>
    frontendReader((type) => {
      if (type === 'Q' || type === 'S') roundTrips += 1;
    }),
  );
  return {
    port: proxy.port,
    /** The same database URL, through the proxy. */
    urlFor: (databaseUrl: string): string => {
      const url = new URL(databaseUrl);
      url.host = `127.0.0.1:${proxy.port}`;
      return url.toString();
    },
    roundTrips: (): number => roundTrips,
    close: proxy.close,
  };
};
