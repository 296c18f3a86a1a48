import { PermanentPlatformError, TransientPlatformError } from '../../../src/errors.js';
import { tokenAnswerSchema } from './schema.js';

/** The two credential forms of the contract: a ready token, or OAuth client credentials and a refresh token. */
export type YouTubeCredentials =
  | { kind: 'access_token'; accessToken: string }
  | { kind: 'refresh_token'; clientId: string; clientSecret: string; refreshToken: string };

export interface AccessTokens {
  get: () => Promise<string>;
  /** The API said 401 to this token: the next `get` refreshes (a ready token cannot be renewed). */
  invalidate: (token: string) => void;
  /** Whether a 401 is worth one more try with a fresh token. */
  renewable: boolean;
}

// Refresh a little before Google's expiry so a call never leaves with a token about to lapse.
const EXPIRY_MARGIN_MS = 60_000;
const DEFAULT_LIFETIME_S = 3600;

const refreshFailure = async (response: Response): Promise<Error> => {
  const text = await response.text().catch(() => '');
  if (response.status >= 500) return new TransientPlatformError(`Google's token endpoint failed (HTTP ${response.status})`);
  const reason = /"error"\s*:\s*"([^"]+)"/u.exec(text)?.[1] ?? `HTTP ${response.status}`;
  return new PermanentPlatformError(
    `Google refused to refresh the YouTube access token (${reason}): check YOUTUBE_CLIENT_ID, YOUTUBE_CLIENT_SECRET and YOUTUBE_REFRESH_TOKEN (scope youtube.force-ssl)`,
  );
};

const refresh = async (credentials: Extract<YouTubeCredentials, { kind: 'refresh_token' }>, oauthUrl: string, fetcher: typeof fetch) => {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    refresh_token: credentials.refreshToken,
  });
  const response = await fetcher(oauthUrl, { method: 'POST', body, signal: AbortSignal.timeout(10_000) }).catch((error: unknown) => {
    throw new TransientPlatformError(`could not reach Google's token endpoint: ${(error as Error).message}`, { cause: error });
  });
  if (!response.ok) throw await refreshFailure(response);
  const parsed = tokenAnswerSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new TransientPlatformError("Google's token endpoint answered without an access_token");
  return { token: parsed.data.access_token, lifetimeMs: (parsed.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000 };
};

/** Access tokens for the API: the ready one, or refreshed tokens cached until shortly before they expire. */
export const createAccessTokens = (
  credentials: YouTubeCredentials,
  options: { oauthUrl: string; fetch: typeof fetch; now: () => Date },
): AccessTokens => {
  if (credentials.kind === 'access_token') {
    return { get: async () => credentials.accessToken, invalidate: () => undefined, renewable: false };
  }
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fresh = async (): Promise<string> => {
    const { token, lifetimeMs } = await refresh(credentials, options.oauthUrl, options.fetch);
    cached = { token, expiresAt: options.now().getTime() + lifetimeMs - EXPIRY_MARGIN_MS };
    return token;
  };
  return {
    get: async () => {
      if (cached !== undefined && cached.expiresAt > options.now().getTime()) return cached.token;
      // Calls at once share one refresh.
      pending ??= fresh().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate: (token) => {
      if (cached?.token === token) cached = undefined;
    },
    renewable: true,
  };
};
