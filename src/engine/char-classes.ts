const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]$/u;
// Scripts written without spaces between words: terms there match as substrings.
const UNSPACED =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]$/u;

// 0 = not yet known, 1 = blocks a word boundary, 2 = does not.
const bmpCache = new Uint8Array(0x10000);

const classify = (codePoint: number): boolean => {
  const char = String.fromCodePoint(codePoint);
  return LETTER_OR_DIGIT.test(char) && !UNSPACED.test(char);
};

/**
 * True for characters that continue a word in a space-separated script: a term next to one
 * of these is inside a longer word. Letters of unspaced scripts never block a boundary.
 */
export const continuesWord = (codePoint: number): boolean => {
  if (codePoint < 0x80) {
    return (codePoint >= 0x61 && codePoint <= 0x7a) || (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a);
  }
  if (codePoint < 0x10000) {
    const known = bmpCache[codePoint];
    if (known === 1) return true;
    if (known === 2) return false;
    const result = classify(codePoint);
    bmpCache[codePoint] = result ? 1 : 2;
    return result;
  }
  return classify(codePoint);
};

export const isUnspacedScript = (char: string): boolean => UNSPACED.test(char);

/** The code point that ends just before `index` in `text` (surrogate-aware), or -1. */
export const codePointBefore = (text: string, index: number): number => {
  if (index <= 0) return -1;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
};

/** The code point that starts at `index` in `text`, or -1 past the end. */
export const codePointAtIndex = (text: string, index: number): number => (index >= text.length ? -1 : (text.codePointAt(index) ?? -1));
