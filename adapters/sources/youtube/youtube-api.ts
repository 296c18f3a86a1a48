import type { z } from 'zod';
import { TransientPlatformError } from '../../../src/errors.js';
import type { AccessTokens } from './access-token.js';
import { YOUTUBE_COSTS, type YouTubeCall } from './quota-costs.js';
import { youtubeError } from './youtube-errors.js';

/** Adds up the units the calls of one poll or one action cost. */
export interface UnitMeter {
  spend: (units: number) => void;
}

export const unitMeter = (): UnitMeter & { readonly units: number } => {
  let units = 0;
  return {
    spend: (spent) => {
      units += spent;
    },
    get units() {
      return units;
    },
  };
};

export interface YouTubeApiOptions {
  apiUrl: string;
  tokens: AccessTokens;
  now: () => Date;
  /** When the day's quota resets, to say how long a quotaExceeded lasts. */
  nextReset: (now: Date) => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface YouTubeRequest<T> {
  call: YouTubeCall;
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string | undefined>;
  body?: unknown;
  /** Parses a 200; a 204 (setModerationStatus) has no body. */
  schema?: z.ZodType<T>;
  /** In words, for errors: "comment Ugx…". */
  subject: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** The Data API over plain fetch: bearer token (refreshed once on a 401), zod-checked answers, typed errors, units counted. */
export class YouTubeApi {
  readonly #options: YouTubeApiOptions;
  readonly #fetch: typeof fetch;

  constructor(options: YouTubeApiOptions) {
    this.#options = { ...options, apiUrl: options.apiUrl.replace(/\/+$/u, '') };
    this.#fetch = options.fetch ?? fetch;
  }

  async request<T>(request: YouTubeRequest<T>, meter: UnitMeter): Promise<T | undefined> {
    const token = await this.#options.tokens.get();
    let response = await this.#send(request, token, meter);
    if (response.status === 401 && this.#options.tokens.renewable) {
      this.#options.tokens.invalidate(token);
      response = await this.#send(request, await this.#options.tokens.get(), meter);
    }
    return this.#read(request, response);
  }

  async #send(request: YouTubeRequest<unknown>, token: string, meter: UnitMeter): Promise<Response> {
    const url = new URL(`${this.#options.apiUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query)) if (value !== undefined) url.searchParams.set(name, value);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await this.#fetch(url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      // A refused call still costs a unit; a quota refusal and a bad token cost nothing.
      meter.spend(response.ok ? YOUTUBE_COSTS[request.call] : response.status === 401 || response.status === 403 ? 0 : 1);
      return response;
    } catch (error) {
      // The call may have reached YouTube: count it, so the ledger never under-counts.
      meter.spend(YOUTUBE_COSTS[request.call]);
      throw new TransientPlatformError(`no answer from YouTube on ${request.subject}: ${(error as Error).message}`, { cause: error });
    }
  }

  async #read<T>(request: YouTubeRequest<T>, response: Response): Promise<T | undefined> {
    const text = await response.text().catch((error: unknown) => {
      throw new TransientPlatformError(`YouTube's answer on ${request.subject} was cut off`, { cause: error });
    });
    const body = text === '' ? undefined : safeJson(text);
    if (!response.ok) {
      const now = this.#options.now();
      throw youtubeError({
        status: response.status,
        headers: response.headers,
        body,
        subject: request.subject,
        now,
        quotaResetsAt: this.#options.nextReset(now),
      });
    }
    if (request.schema === undefined) return undefined;
    const parsed = request.schema.safeParse(body);
    if (!parsed.success) throw new TransientPlatformError(`YouTube answered ${request.subject} in an unexpected shape`);
    return parsed.data;
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
