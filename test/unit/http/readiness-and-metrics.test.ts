import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, type ReadinessCheck } from '../../../src/http/app.js';
import { createLogger } from '../../../src/logger.js';
import { createMetrics } from '../../../src/metrics.js';

const DB_ERROR = 'password authentication failed for user "switchboard" at db-7.internal.example:5432';
const TOKEN = 'metrics-token-0123456789';

const logLines: string[] = [];
const logger = createLogger(
  'info',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);

const serve = async (readiness: ReadinessCheck[], metricsToken?: string) => {
  const app = createHttpApp({ sources: [], readiness, metrics: createMetrics(), logger, mounts: [], metricsToken });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

let guarded: { server: Server; url: string };
let open: { server: Server; url: string };

beforeAll(async () => {
  const checks: ReadinessCheck[] = [
    {
      name: 'postgres',
      check: async () => {
        throw new Error(DB_ERROR);
      },
    },
    { name: 'redis', check: async () => undefined },
  ];
  guarded = await serve(checks, TOKEN);
  open = await serve([{ name: 'postgres', check: async () => undefined }]);
});

afterAll(() => {
  guarded.server.close();
  open.server.close();
});

describe('/readyz', () => {
  it('names the dependency that is down, and keeps its error text for the log', async () => {
    const response = await fetch(`${guarded.url}/readyz`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      status: 'not ready',
      checks: [
        { name: 'postgres', ok: false },
        { name: 'redis', ok: true },
      ],
    });
    expect(text).toContain('postgres');
    expect(text).not.toContain('password');
    expect(text).not.toContain('db-7.internal');
    expect(logLines.join('')).toContain(JSON.stringify(DB_ERROR).slice(1, -1));
  });

  it('answers 200 when everything is up', async () => {
    expect((await fetch(`${open.url}/readyz`)).status).toBe(200);
  });
});

describe('/metrics with SWITCHBOARD_METRICS_TOKEN', () => {
  it('answers 401 without a token', async () => {
    const response = await fetch(`${guarded.url}/metrics`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('switchboard_');
  });

  it('answers 401 with a wrong token, including one that shares a prefix or is longer', async () => {
    for (const wrong of ['nope', TOKEN.slice(0, -1), `${TOKEN}x`, '']) {
      const response = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${wrong}` } });
      expect(response.status).toBe(401);
    }
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);
  });

  it('answers 200 with the token', async () => {
    const response = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('switchboard_');
  });

  it('stays open when no token is configured', async () => {
    expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
  });
});
