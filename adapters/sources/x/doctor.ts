import { errorMessage } from '../../../src/errors.js';
import { describeAccessLevel, type XAccessLevel } from './access-level.js';
import { meSchema } from './schema-v2.js';
import { XApi } from './x-api.js';

export interface XDoctorOptions {
  userId: string;
  accessToken: string;
  consumerSecret: string | undefined;
  apiUrl: string;
  accessLevel: XAccessLevel;
  fetch?: typeof fetch;
  /** How messages name the token and the account: X_ACCESS_TOKEN and X_USER_ID unless a playbook account's. */
  names?: { token: string; user: string };
}

/**
 * `switchboard doctor`'s X line: the token works and belongs to X_USER_ID, how mentions arrive,
 * and the access level (X has no call that reports the plan; X_ACCESS_LEVEL says it, and decides the buttons).
 */
export const checkXAccount = async (options: XDoctorOptions): Promise<string> => {
  const api = new XApi({
    apiUrl: options.apiUrl,
    accessToken: options.accessToken,
    timeoutMs: 5_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const me = await api
    .call('GET', '/2/users/me', { what: 'checking the token' })
    .then((answer) => meSchema.parse(answer.json).data)
    .catch((error: unknown) => {
      throw new Error(`${errorMessage(error)} (at ${options.apiUrl})`);
    });
  if (me.id !== options.userId) {
    throw new Error(
      `${options.names?.token ?? 'X_ACCESS_TOKEN'} belongs to @${me.username ?? me.id} (${me.id}), not to ${options.names?.user ?? 'X_USER_ID'} ${options.userId} — use the account's own token`,
    );
  }
  const intake = options.consumerSecret
    ? 'mentions, replies and DMs by Account Activity webhook at /webhooks/x'
    : 'no X_CONSUMER_SECRET, so mentions are polled (DMs need the webhook)';
  return `token valid for @${me.username ?? me.id} (${me.id}); ${intake}; access level ${describeAccessLevel(options.accessLevel)}`;
};
