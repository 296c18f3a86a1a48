import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/iu;

/** `sha256=<hex HMAC-SHA256 of the exact bytes>`: how the generic webhook and its callback are signed. */
export const signGenericBody = (rawBody: Buffer | string, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;

/** Checks `X-Switchboard-Signature` against the raw bytes received, in constant time. */
export const verifyGenericSignature = (rawBody: Buffer, header: string | undefined, secret: string): boolean => {
  // An empty secret would make every forged signature computable by anyone.
  if (secret === '' || header === undefined) return false;
  const hex = SIGNATURE.exec(header.trim())?.[1];
  if (hex === undefined) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
};
