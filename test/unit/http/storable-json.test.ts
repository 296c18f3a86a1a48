import { describe, expect, it } from 'vitest';
import { storableJson, storableText } from '../../../src/http/storable-json.js';

describe('storableText', () => {
  it('replaces U+0000 with U+FFFD', () => {
    expect(storableText('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
  });

  it('replaces lone surrogates, high or low, with U+FFFD', () => {
    expect(storableText('x\uD83Dy')).toBe('x\uFFFDy');
    expect(storableText('x\uDE00y')).toBe('x\uFFFDy');
    expect(storableText('end\uD83D')).toBe('end\uFFFD');
    expect(storableText('\uDE00\uD83D')).toBe('\uFFFD\uFFFD');
  });

  it('keeps everything else exactly: pairs, controls, non-characters, RTL marks, combining marks', () => {
    const text = '😀 👍🏽 \t\n\u0001\u001f\u007f \uFFFE\uFFFF \u200F\u202E e\u0301 \uFFFD 𝕏';
    expect(storableText(text)).toBe(text);
  });
});

describe('storableJson', () => {
  it('cleans strings and keys at any depth', () => {
    const value = { 'k\u0000': ['a\u0000', { deep: ['\uD800'] }], n: 1, t: true, z: null };
    expect(storableJson(value)).toEqual({ 'k\uFFFD': ['a\uFFFD', { deep: ['\uFFFD'] }], n: 1, t: true, z: null });
  });

  it('returns the very same value when there is nothing to replace', () => {
    const value = { entry: [{ id: '1', changes: [{ value: { message: 'hello 😀' } }] }], n: 3 };
    expect(storableJson(value)).toBe(value);
  });

  it('copies only the branches that changed and leaves the input as it was', () => {
    const untouched = { message: 'fine' };
    const value = { a: untouched, b: { message: 'bad\u0000' } };
    const clean = storableJson(value);
    expect(clean.a).toBe(untouched);
    expect(clean.b).toEqual({ message: 'bad\uFFFD' });
    expect(value.b.message).toBe('bad\u0000');
  });

  it('keeps a "__proto__" key as data, as JSON.parse made it', () => {
    const value = JSON.parse('{"__proto__":{"x":"\\u0000"},"y":1}') as Record<string, unknown>;
    const clean = storableJson(value);
    expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
    expect(Object.keys(clean)).toEqual(['__proto__', 'y']);
    expect(JSON.stringify(clean)).toBe('{"__proto__":{"x":"\uFFFD"},"y":1}');
  });

  it('gives what JSON.stringify turns into text Postgres jsonb accepts', () => {
    const text = JSON.stringify(storableJson(JSON.parse('{"m":"a\\u0000\\ud800\\udc00\\udfff"}')));
    expect(text).not.toMatch(/\\u0000|\\ud[89a-f]/iu);
    expect(JSON.parse(text)).toEqual({ m: 'a\uFFFD\u{10000}\uFFFD' });
  });
});
