import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Secrets never reach a log: credentials by name at any of the first levels, authorization headers,
 * and the request config an HTTP client keeps on its errors (axios under Slack's WebAPIRequestError
 * carries `Authorization: Bearer xoxb-…` and the form body with the token).
 */
const SECRET_KEYS = [
  'token',
  'botToken',
  'accessToken',
  'pageAccessToken',
  'verifyToken',
  'appSecret',
  'signingSecret',
  'apiKey',
  'password',
];
export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'authorization',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'err.config',
  'err.request',
  'err.response.config',
  'err.response.request',
  'err.original.config',
  'err.original.request',
  'err.original.response.config',
  'err.original.response.request',
  'err.cause.config',
  'err.cause.request',
];

// Tokens that slip into free text (an error message quoting a URL or a header) are masked too.
const TOKEN_IN_TEXT =
  /\b(xox[abposr]-[A-Za-z0-9-]+|EAA[A-Za-z0-9]{20,}|sk-[A-Za-z0-9_-]{16,})|((?:access_token|token)=)[^&\s"]+|(Bearer\s+)[^\s"]+/giu;

export const maskTokens = (text: string): string =>
  text.replace(TOKEN_IN_TEXT, (_match, bare: string | undefined, param: string | undefined, bearer: string | undefined) =>
    bare ? '[Redacted]' : `${param ?? bearer ?? ''}[Redacted]`,
  );

const SECRET_KEY = /^(authorization|cookie|password|token|.*(token|secret|apikey|api_key))$/iu;
const MAX_DEPTH = 8;

/** Errors carry what their client saw (response bodies, headers, request config): every level is scrubbed. */
const scrub = (value: unknown, depth: number): unknown => {
  if (typeof value === 'string') return maskTokens(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[Truncated]';
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'request' && key !== 'config')
      .map(([key, item]) => [key, SECRET_KEY.test(key) ? '[Redacted]' : scrub(item, depth + 1)]),
  );
};

const serializeError = (error: unknown): unknown => scrub(pino.stdSerializers.err(error as Error), 0);

export const createLogger = (level: string, destination?: NodeJS.WritableStream): Logger =>
  pino(
    {
      level,
      base: { service: 'switchboard' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      serializers: { err: serializeError },
    },
    destination ?? process.stdout,
  );

export const silentLogger = (): Logger => pino({ level: 'silent' });
