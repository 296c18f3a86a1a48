import { errorMessage, TransientPlatformError } from '../../../src/errors.js';
import { xError } from './x-errors.js';

export interface XApiOptions {
  apiUrl: string;
  accessToken: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The clock against which `x-rate-limit-reset` is read. */
  now?: () => Date;
}

export interface XAnswer {
  json: unknown;
  headers: Headers;
}

type Query = Record<string, string | number | undefined>;

const DEFAULT_TIMEOUT_MS = 10_000;

/** X API v2 over fetch, with the user-context token; every failure comes back as the error class that steers retries. */
export class XApi {
  constructor(private readonly options: XApiOptions) {}

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async call(method: string, path: string, options: { query?: Query; body?: unknown; what: string }): Promise<XAnswer> {
    const url = new URL(`${this.options.apiUrl}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.accessToken}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      throw new TransientPlatformError(`no answer from X to ${options.what}: ${errorMessage(error)}`, { cause: error });
    }
    const text = await response.text().catch(() => '');
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // A proxy's HTML error page: the status says enough.
    }
    if (!response.ok) throw xError(options.what, response.status, json, response.headers, this.now());
    return { json, headers: response.headers };
  }
}
