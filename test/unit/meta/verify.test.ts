import { describe, expect, it } from 'vitest';
import { answerVerificationHandshake, verifyMetaSignature } from '../../../adapters/sources/meta/verify.js';
import { commentAdded, signMeta } from '../../fixtures/meta.js';

const SECRET = 'app-secret-5f2c';
const raw = Buffer.from(JSON.stringify(commentAdded()));

describe('verifyMetaSignature', () => {
  it('accepts the signature Meta computes over the raw bytes', () => {
    expect(verifyMetaSignature(raw, signMeta(raw, SECRET), SECRET)).toBe(true);
  });

  it('accepts upper-case hex and surrounding whitespace', () => {
    const header = signMeta(raw, SECRET).replace(/[a-f0-9]{64}$/u, (hex) => hex.toUpperCase());
    expect(verifyMetaSignature(raw, ` ${header} `, SECRET)).toBe(true);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyMetaSignature(raw, signMeta(raw, 'other-secret'), SECRET)).toBe(false);
  });

  it('rejects a body changed by one byte', () => {
    const tampered = Buffer.from(raw.toString().replace('size M', 'size L'));
    expect(verifyMetaSignature(tampered, signMeta(raw, SECRET), SECRET)).toBe(false);
  });

  it('rejects a missing header', () => {
    expect(verifyMetaSignature(raw, undefined, SECRET)).toBe(false);
    expect(verifyMetaSignature(raw, '', SECRET)).toBe(false);
  });

  it.each([
    ['no prefix', (h: string) => h.slice('sha256='.length)],
    ['sha1 prefix', (h: string) => h.replace('sha256=', 'sha1=')],
    ['truncated hex', (h: string) => h.slice(0, -2)],
    ['non-hex characters', (h: string) => `${h.slice(0, -2)}zz`],
    ['extra characters', (h: string) => `${h}00`],
  ])('rejects a malformed header: %s', (_name, mangle) => {
    expect(verifyMetaSignature(raw, mangle(signMeta(raw, SECRET)), SECRET)).toBe(false);
  });

  it('rejects everything when no app secret is configured', () => {
    expect(verifyMetaSignature(raw, signMeta(raw, ''), '')).toBe(false);
  });

  it('hashes unicode bodies as the bytes received, not as re-serialised JSON', () => {
    const unicode = Buffer.from('{"object":"page","entry":[{"message":"Größe äöå — 👍"}]}', 'utf8');
    const header = signMeta(unicode, SECRET);
    expect(verifyMetaSignature(unicode, header, SECRET)).toBe(true);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(unicode.toString('utf8'))).replace('ö', '\\u00f6'));
    expect(verifyMetaSignature(reserialised, header, SECRET)).toBe(false);
  });
});

describe('answerVerificationHandshake', () => {
  const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'tok-123', 'hub.challenge': '1158201444' };

  it('echoes the challenge when the token matches', () => {
    expect(answerVerificationHandshake(query, 'tok-123')).toEqual({ status: 200, body: '1158201444' });
  });

  it('reads URLSearchParams and nested (qs allowDots) queries', () => {
    expect(answerVerificationHandshake(new URLSearchParams(query), 'tok-123').status).toBe(200);
    const nested = { hub: { mode: 'subscribe', verify_token: 'tok-123', challenge: '42' } };
    expect(answerVerificationHandshake(nested, 'tok-123')).toEqual({ status: 200, body: '42' });
  });

  it.each([
    ['a wrong token', { ...query, 'hub.verify_token': 'nope' }, 'tok-123', /verify_token/u],
    ['a wrong mode', { ...query, 'hub.mode': 'unsubscribe' }, 'tok-123', /hub\.mode/u],
    ['a missing challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': 'tok-123' }, 'tok-123', /challenge/u],
    ['no configured token', query, '', /META_VERIFY_TOKEN/u],
  ])('answers 403 for %s', (_name, input, token, reason) => {
    const answer = answerVerificationHandshake(input, token);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(reason);
  });
});
