import { errorMessage } from '../../../src/errors.js';

/**
 * `switchboard doctor`'s generic line. The callback is only reached with a GET: a signed POST would be
 * an action to a receiver that may not know lookups, and doctor must never act.
 */
export const checkGenericCallback = async (callbackUrl: string | undefined, options: { fetch?: typeof fetch } = {}): Promise<string> => {
  if (callbackUrl === undefined)
    return 'webhook on at /webhooks/generic; no GENERIC_CALLBACK_URL, so no action can be taken on generic messages';
  const response = await (options.fetch ?? fetch)(callbackUrl, { method: 'GET', signal: AbortSignal.timeout(5_000) }).catch(
    (error: unknown) => {
      throw new Error(`cannot reach GENERIC_CALLBACK_URL ${new URL(callbackUrl).origin}: ${errorMessage(error)}`);
    },
  );
  await response.body?.cancel();
  const plain = new URL(callbackUrl).protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(callbackUrl).hostname);
  const warning = plain ? '; WARNING: the callback is plain http, so action texts cross the network unencrypted' : '';
  return `webhook on at /webhooks/generic; callback ${new URL(callbackUrl).origin} reachable (a GET answered ${response.status}; actions are signed POSTs)${warning}`;
};
