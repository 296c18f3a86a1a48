import { describe, expect, it } from 'vitest';
import { mayBeDisguised } from '../../../src/engine/deobfuscate.js';

// The pattern the hand-written check stands for (leetspeak symbols, a letter three times, spelled-out letters).
const MAY_BE_DISGUISED = /[0134578$@!|]|(\p{L})\1\1|\p{L}[ .\-_]\p{L}[ .\-_]\p{L}(?!\p{L})/u;

describe('mayBeDisguised', () => {
  it('answers as the regex does, astral letters and lone surrogates included', () => {
    const pieces = ['s', ' ', '.', '-', '_', 'a', 'é', 'σ', 'ნ', '😀', '𝐀', '\ud800', 'A', '2', '9', '#', ',', '1', '$', '!', 'sss'];
    let seed = 13;
    const next = (below: number): number => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed % below;
    };
    const texts = ['', 'shiiit', 's.h.i.t', 's h i t up', 'f-u-c-kk', 'a b c', 'a b cd', '𝐀𝐀𝐀', 'hello there'];
    for (let i = 0; i < 20_000; i += 1) {
      let text = '';
      for (let k = next(12); k > 0; k -= 1) text += pieces[next(pieces.length)];
      texts.push(text);
    }
    for (const text of texts) expect(mayBeDisguised(text)).toBe(MAY_BE_DISGUISED.test(text));
  });
});
