/**
 * Picks a phrasing at random, never one sent recently to the same author or on the same
 * post while another is available; with only one, it is used again.
 */
export const choosePhrasing = <T extends { id: string }>(
  phrasings: readonly T[],
  recent: readonly string[],
  random: () => number,
): T | undefined => {
  if (phrasings.length <= 1) return phrasings[0];
  let candidates = phrasings.filter((phrasing) => !recent.includes(phrasing.id));
  // All used lately: avoid at least the very last one.
  if (candidates.length === 0) candidates = phrasings.filter((phrasing) => phrasing.id !== recent[0]);
  const index = Math.min(candidates.length - 1, Math.floor(random() * candidates.length));
  return candidates[index];
};
