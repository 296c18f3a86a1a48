import { describe, expect, it } from 'vitest';
import { discordPublicKey, MAX_SIGNATURE_AGE_SECONDS, verifyDiscordSignature } from '../../../adapters/chat/discord/verify-signature.js';
import { createInteractionSigner } from '../../fakes/fake-discord-signing.js';

const signer = createInteractionSigner();
const key = discordPublicKey(signer.publicKeyHex);
const NOW_S = 1_790_000_000;
const body = '{"type":1}';

const request = (headers: Record<string, string>, raw = body) => ({
  signature: headers['x-signature-ed25519'],
  timestamp: headers['x-signature-timestamp'],
  body: Buffer.from(raw),
});

describe('Discord request signatures (Ed25519 over timestamp + body)', () => {
  it('accepts a request signed with the application key', () => {
    expect(verifyDiscordSignature(key, request(signer.headers(body, NOW_S)), NOW_S * 1000)).toBe(true);
  });

  it('refuses a body changed after signing, another key, a bad hex signature and missing headers', () => {
    expect(verifyDiscordSignature(key, request(signer.headers(body, NOW_S), '{"type":2}'), NOW_S * 1000)).toBe(false);
    const other = createInteractionSigner();
    expect(verifyDiscordSignature(key, request(other.headers(body, NOW_S)), NOW_S * 1000)).toBe(false);
    expect(
      verifyDiscordSignature(key, request({ 'x-signature-ed25519': 'zz', 'x-signature-timestamp': String(NOW_S) }), NOW_S * 1000),
    ).toBe(false);
    expect(verifyDiscordSignature(key, { signature: undefined, timestamp: undefined, body: Buffer.from(body) }, NOW_S * 1000)).toBe(false);
  });

  it('refuses a signature whose timestamp was changed, and a correctly signed but old (replayed) request', () => {
    const headers = signer.headers(body, NOW_S);
    expect(verifyDiscordSignature(key, request({ ...headers, 'x-signature-timestamp': String(NOW_S + 1) }), NOW_S * 1000)).toBe(false);
    const old = signer.headers(body, NOW_S - MAX_SIGNATURE_AGE_SECONDS - 1);
    expect(verifyDiscordSignature(key, request(old), NOW_S * 1000)).toBe(false);
  });

  it('says what DISCORD_PUBLIC_KEY must look like', () => {
    expect(() => discordPublicKey('not-hex')).toThrow(/64 hex characters/u);
  });
});
