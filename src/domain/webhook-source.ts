import type { IncomingHttpHeaders } from 'node:http';
import type { InboundItem } from './source.js';

export type ParseResult = { ok: true; items: InboundItem[] } | { ok: false; error: string };

/** What the web server needs from a source adapter to accept its webhooks. */
export interface WebhookSource {
  /** Stored as inbound_events.source and used in metrics labels. */
  name: string;
  path: string;
  verify: (rawBody: Buffer, headers: IncomingHttpHeaders) => boolean;
  parse: (json: unknown) => ParseResult;
  /** Answers a GET on the same path (Meta's hub.challenge, X's CRC). */
  handshake?: (query: Record<string, unknown>) => { status: number; body: string | Record<string, unknown> };
}
