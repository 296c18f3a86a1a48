/** Deeper than any webhook body a platform sends (Meta's are under 10), far shallower than a stack can bear. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a decoded JSON value nests objects and arrays deeper than `limit` (a bare object is
 * depth 1). Walks with its own stack, never recursion, so a body nested 500,000 levels deep is
 * measured as safely as a flat one; it stops at the first container past the limit.
 */
export const exceedsJsonDepth = (value: unknown, limit: number = MAX_JSON_DEPTH): boolean => {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
};
