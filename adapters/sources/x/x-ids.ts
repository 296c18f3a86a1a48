/** Numeric ids as strings, compared as numbers (they outgrow a double). */
const numericOrder = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** A one-to-one DM conversation's id on X: the two user ids, smaller first, joined by a dash. */
export const dmConversationId = (a: string, b: string): string => (numericOrder(a, b) <= 0 ? `${a}-${b}` : `${b}-${a}`);

/** The newer of two post ids (X's ids grow with time). */
export const newerId = (a: string | null, b: string | undefined): string | null =>
  b === undefined ? a : a === null || numericOrder(b, a) > 0 ? b : a;

export const tweetUrl = (username: string | undefined, id: string): string => `https://x.com/${username ?? 'i/web'}/status/${id}`;
