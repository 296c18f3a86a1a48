/** Slack and Discord give up on an interaction after 3 s; this leaves room for the round trip. */
export const DEFAULT_ACK_BUDGET_MS = 2_000;

/** The work's value if it is ready within `ms`; otherwise `done: false` (the work carries on). */
export const withinBudget = async <T>(work: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
};
