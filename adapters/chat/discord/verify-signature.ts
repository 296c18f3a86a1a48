import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** An Ed25519 public key's SPKI DER prefix: the 32 raw bytes Discord shows follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Discord signs each request as it sends it; an older signature is a replay. */
export const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

/** DISCORD_PUBLIC_KEY (64 hex characters, from the Developer Portal) as a key node:crypto can verify with. */
export const discordPublicKey = (hex: string): KeyObject => {
  if (!/^[0-9a-fA-F]{64}$/u.test(hex)) {
    throw new Error('DISCORD_PUBLIC_KEY must be the 64 hex characters of "Public Key" on the application\'s General Information page');
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
};

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/** Ed25519 over `timestamp + body`, as Discord signs interactions; false for anything missing, malformed, forged or stale. */
export const verifyDiscordSignature = (key: KeyObject, request: SignedRequest, nowMs: number = Date.now()): boolean => {
  const { signature, timestamp, body } = request;
  if (!signature || !timestamp || !/^[0-9a-fA-F]{128}$/u.test(signature) || !/^\d{1,12}$/u.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
};
