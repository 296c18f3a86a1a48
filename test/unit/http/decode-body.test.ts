import { describe, expect, it } from 'vitest';
import { decodeWebhookBody } from '../../../src/http/decode-body.js';

describe('decodeWebhookBody', () => {
  it('decodes a body and makes its text storable', () => {
    expect(decodeWebhookBody(Buffer.from('{"message":"hi\\u0000"}'))).toEqual({ ok: true, json: { message: 'hi\uFFFD' } });
  });

  it('refuses malformed JSON with the parser’s words', () => {
    const decoded = decodeWebhookBody(Buffer.from('{"entry":['));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.error).toMatch(/^malformed JSON: /u);
  });

  it('refuses a body nested deeper than 64 levels before anything recursive walks it', () => {
    const decoded = decodeWebhookBody(Buffer.from(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`));
    expect(decoded).toEqual({ ok: false, error: expect.stringContaining('nested deeper than 64 levels') });
  });

  it('turns invalid UTF-8 bytes into U+FFFD, as decoding always has', () => {
    expect(decodeWebhookBody(Buffer.from([0x22, 0xff, 0x22]))).toEqual({ ok: true, json: '\uFFFD' });
  });
});
