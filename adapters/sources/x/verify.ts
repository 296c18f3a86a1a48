import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([A-Za-z0-9+/]+={0,2})$/u;

const hmac = (secret: string, data: Buffer | string): Buffer => createHmac('sha256', secret).update(data).digest();

/** X's CRC: `sha256=` + base64 HMAC-SHA256 of the crc_token with the consumer secret. */
export const crcResponseToken = (crcToken: string, consumerSecret: string): string =>
  `sha256=${hmac(consumerSecret, crcToken).toString('base64')}`;

/** Checks `x-twitter-webhooks-signature` (base64 HMAC-SHA256 of the raw body) in constant time. */
export const verifyXSignature = (rawBody: Buffer, header: string | undefined, consumerSecret: string): boolean => {
  if (consumerSecret === '' || header === undefined) return false;
  const base64 = SIGNATURE.exec(header.trim())?.[1];
  if (base64 === undefined) return false;
  const given = Buffer.from(base64, 'base64');
  const expected = hmac(consumerSecret, rawBody);
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/** GET /webhooks/x?crc_token=…: X checks we hold the secret at registration and now and then after. */
export const answerCrc = (query: Record<string, unknown>, consumerSecret: string): { status: number; body: Record<string, unknown> } => {
  const token = query.crc_token;
  if (typeof token !== 'string' || token === '') return { status: 400, body: { error: 'crc_token is missing' } };
  return { status: 200, body: { response_token: crcResponseToken(token, consumerSecret) } };
};
