import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/iu;

/** Checks `X-Hub-Signature-256` against the raw bytes Meta sent; never against re-serialised JSON. */
export const verifyMetaSignature = (rawBody: Buffer, header: string | undefined, appSecret: string): boolean => {
  // An empty secret would make every forged signature computable by anyone.
  if (appSecret === '' || header === undefined) return false;
  const hex = SIGNATURE.exec(header.trim())?.[1];
  if (hex === undefined) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
};

export type HandshakeQuery = URLSearchParams | Readonly<Record<string, unknown>>;

export type HandshakeAnswer = { status: 200; body: string } | { status: 403; body: string };

const readParam = (query: HandshakeQuery, name: 'mode' | 'verify_token' | 'challenge'): string | undefined => {
  if (query instanceof URLSearchParams) return query.get(`hub.${name}`) ?? undefined;
  // Some query parsers (qs with allowDots) nest `hub.mode` as { hub: { mode } }.
  const nested = query.hub;
  const value =
    query[`hub.${name}`] ?? (typeof nested === 'object' && nested !== null ? (nested as Record<string, unknown>)[name] : undefined);
  return typeof value === 'string' ? value : undefined;
};

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Answers Meta's `GET` subscription check: echo `hub.challenge` only when the verify token matches. */
export const answerVerificationHandshake = (query: HandshakeQuery, verifyToken: string): HandshakeAnswer => {
  if (verifyToken === '') return { status: 403, body: 'META_VERIFY_TOKEN is not set on this server' };
  if (readParam(query, 'mode') !== 'subscribe') return { status: 403, body: 'hub.mode must be "subscribe"' };
  const token = readParam(query, 'verify_token');
  if (token === undefined || !sameText(token, verifyToken)) {
    return { status: 403, body: 'hub.verify_token does not match META_VERIFY_TOKEN' };
  }
  const challenge = readParam(query, 'challenge');
  if (challenge === undefined || challenge === '') return { status: 403, body: 'hub.challenge is missing' };
  return { status: 200, body: challenge };
};
