import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { WebhookSource } from '../domain/webhook-source.js';

import { BODY_LIMIT_BYTES } from './webhook-listener.js';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface HttpAppDeps {
  /** Their GET handshakes are served here; their POSTs by the webhook listener in front. */
  sources: WebhookSource[];
  readiness: ReadinessCheck[];
  metrics: Metrics;
  logger: Logger;
  /** Lets chat adapters (Slack's Bolt receiver, Discord interactions) add their routes. */
  mounts: ((app: Express) => void)[];
  /** When set, /metrics answers only `Authorization: Bearer <token>` (SWITCHBOARD_METRICS_TOKEN). */
  metricsToken?: string | undefined;
}

const withTimeout = async (promise: Promise<void>, ms: number, what: string) => {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Compares digests in constant time, so neither the token's bytes nor its length leak through timing. */
const bearerMatches = (header: string | undefined, token: string): boolean => {
  const given = /^Bearer\s+(\S+)\s*$/iu.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token)) && given !== '';
};

export const createHttpApp = (deps: HttpAppDeps): Express => {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      deps.readiness.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), 2_000, name);
          return { name, ok: true as const };
        } catch (error) {
          // Error text can name hosts, users and databases: it goes to the log, the answer only says which is down.
          deps.logger.warn({ err: error, dependency: name }, `readiness: ${name} is down`);
          return { name, ok: false as const, error: `${name} is unreachable` };
        }
      }),
    );
    const ready = results.every((result) => result.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: results });
  });
  app.get('/metrics', async (req, res) => {
    if (deps.metricsToken !== undefined && !bearerMatches(req.headers.authorization, deps.metricsToken)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'metrics need Authorization: Bearer <SWITCHBOARD_METRICS_TOKEN>' });
      return;
    }
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  for (const source of deps.sources) {
    const { handshake } = source;
    if (handshake) {
      app.get(source.path, (req, res) => {
        const result = handshake(req.query as Record<string, unknown>);
        if (typeof result.body === 'string') res.status(result.status).type('text/plain').send(result.body);
        else res.status(result.status).json(result.body);
      });
    }
  }
  for (const mount of deps.mounts) mount(app);

  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
  });
  // Express needs the four-argument signature to treat this as the error handler.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number; type?: string }).status;
    const type = (error as { type?: string }).type;
    if (status === 413 || type === 'entity.too.large') {
      res.status(413).json({ error: `request body is larger than ${BODY_LIMIT_BYTES} bytes (1 MiB)` });
      return;
    }
    if (status !== undefined && status >= 400 && status < 500) {
      res.status(status).json({ error: error instanceof Error ? error.message : 'bad request' });
      return;
    }
    deps.logger.error({ err: error, path: req.path }, 'unhandled error in HTTP handler');
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  });
  return app;
};
