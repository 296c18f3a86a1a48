import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * What both reference servers (the naive ingest endpoint and the synchronous flow) do the same way:
 * read their settings, read a body up to 1 MiB, check Meta's signature, answer JSON. Plain node:http,
 * no framework, so they stay the floor Switchboard is measured against.
 */

const LIMIT = 1024 * 1024;

export const requiredEnv = (name: string, server: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set for the ${server}`);
  return value;
};

export const verifyMetaSignature = (raw: Buffer, header: string | string[] | undefined, secret: string): boolean => {
  const match = typeof header === 'string' ? /^sha256=([0-9a-f]{64})$/iu.exec(header) : null;
  if (!match?.[1]) return false;
  return timingSafeEqual(Buffer.from(match[1], 'hex'), createHmac('sha256', secret).update(raw).digest());
};

/** The body, or undefined when it is over the limit (read to the end all the same, so the answer can be sent). */
export const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= LIMIT ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });

export const answer = (res: ServerResponse, status: number, body: Record<string, unknown>) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

/** A signed Meta webhook's JSON body; or undefined once the request has been answered 413, 401 or 400. */
export const readSignedJson = async (req: IncomingMessage, res: ServerResponse, secret: string): Promise<unknown> => {
  const raw = await readBody(req);
  if (!raw) return answer(res, 413, { error: 'body too large' });
  if (!verifyMetaSignature(raw, req.headers['x-hub-signature-256'], secret)) return answer(res, 401, { error: 'bad signature' });
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return answer(res, 400, { error: 'malformed JSON' });
  }
};
