/*
 * Postgres refuses U+0000 in `text` and `jsonb`, and a lone UTF-16 surrogate in `jsonb` (its
 * `\udXXX` escape is not valid Unicode); every other string it stores as given. One such
 * character in a comment would make every delivery of its webhook fail, so these are replaced
 * with U+FFFD where the body enters, and nothing else is touched.
 */

// With the u flag a well-formed surrogate pair is one code point and does not match: only lone halves do.
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be found.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/gu;
const REPLACEMENT = '\uFFFD';

export const storableText = (text: string): string => text.replace(UNSTORABLE, REPLACEMENT);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A decoded JSON value with storableText applied to every string and key. Returns the value
 * itself when nothing needed replacing, so the usual body costs a walk and no copy. Recursive:
 * call it only on a value whose depth has been bounded (see exceedsJsonDepth).
 */
export const storableJson = <T>(value: T): T => {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => storableJson(item));
    return (items.some((item, index) => item !== value[index]) ? items : value) as T;
  }
  if (!isPlainObject(value)) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const entry: [string, unknown] = [storableText(key), storableJson(item)];
    if (entry[0] !== key || entry[1] !== item) changed = true;
    return entry;
  });
  return (changed ? Object.fromEntries(entries) : value) as T;
};
