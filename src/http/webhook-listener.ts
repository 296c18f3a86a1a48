import type { IncomingMessage, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
import { handleWebhook, type WebhookDeps } from './webhook-handler.js';
import type { WebhookSource } from '../domain/webhook-source.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

const send = (res: ServerResponse, status: number, body: Record<string, unknown>) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

/**
 * Webhook POSTs are the hot path: they skip the Express router and body parsers and go straight
 * to verify → store → answer. Returns false for requests that are not webhook POSTs.
 */
export const createWebhookListener = (sources: WebhookSource[], deps: WebhookDeps) => {
  const byPath = new Map(sources.map((source) => [source.path, source]));
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST') return false;
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    const source = byPath.get(path);
    if (!source) return false;
    getRawBody(req, { limit: BODY_LIMIT_BYTES, length: req.headers['content-length'] })
      .then(async (raw) => {
        const answer = await handleWebhook(source, deps, raw, req.headers);
        send(res, answer.status, answer.body);
      })
      .catch((error: { status?: number; type?: string }) => {
        if (error.type === 'entity.too.large' || error.status === 413) {
          deps.metrics.webhooks.inc({ source: source.name, status: '413' });
          // Close after answering: the rest of an oversized body is not worth reading.
          res.setHeader('connection', 'close');
          send(res, 413, { error: `request body is larger than ${BODY_LIMIT_BYTES} bytes (1 MiB)` });
          return;
        }
        if (error.status !== undefined && error.status >= 400 && error.status < 500) {
          send(res, 400, { error: `could not read the request body: ${String((error as Error).message)}` });
          return;
        }
        deps.logger.error({ err: error, path }, 'webhook handler failed');
        if (!res.headersSent) send(res, 500, { error: 'internal error' });
      });
    return true;
  };
};
