/**
 * Poll until the check returns something truthy; fails with the description on timeout. The
 * default is generous: on a busy 2-core CI machine a retry with backoff can take several seconds.
 */
export const eventually = async <T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
};
