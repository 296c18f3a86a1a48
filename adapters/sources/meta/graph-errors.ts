import { z } from 'zod';
import { PermanentPlatformError, RateLimitedError, TransientPlatformError, type AppError } from '../../../src/errors.js';

/** The object a call addressed is gone (Graph code 100, subcode 33): for a delete, that means done. */
export class GraphObjectGoneError extends PermanentPlatformError {
  constructor(message: string, detail: { status?: number; platformCode?: number | string }) {
    super(message, detail);
    this.name = 'GraphObjectGoneError';
  }
}

const graphErrorBody = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
  }),
});
export type GraphErrorInfo = z.output<typeof graphErrorBody>['error'];

export const readGraphError = (body: unknown): GraphErrorInfo | undefined => {
  const parsed = graphErrorBody.safeParse(body);
  return parsed.success ? parsed.data.error : undefined;
};

// App, user, page, custom and business-use-case throttles, then WhatsApp throughput and pair limits.
const THROTTLING_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80006, 80007, 130429, 131056]);
const DEFAULT_WAIT_MS = 60_000;

const bucUsage = z.record(z.string(), z.array(z.looseObject({ estimated_time_to_regain_access: z.number().optional() })));

/** Minutes from `X-Business-Use-Case-Usage`, the longest wait across business ids. */
const regainAccessMs = (header: string | null): number | undefined => {
  if (header === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(header);
  } catch {
    return undefined;
  }
  const parsed = bucUsage.safeParse(json);
  if (!parsed.success) return undefined;
  const minutes = Object.values(parsed.data)
    .flat()
    .map((usage) => usage.estimated_time_to_regain_access ?? 0);
  const longest = Math.max(0, ...minutes);
  return longest > 0 ? longest * 60_000 : undefined;
};

/** Retry-After is seconds, or an HTTP date. */
const retryAfterMs = (header: string | null, now: number): number | undefined => {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

export interface GraphFailure {
  status: number;
  headers: Headers;
  body: unknown;
  /** What the call was about, in words: "comment 123_456", "Page 123". */
  subject: string;
  /** Whose API answered, in words: Facebook (the default), Instagram, WhatsApp. */
  platform?: string;
}

const PERMISSION_HINT =
  'grant the app pages_manage_engagement (comments) or pages_messaging (messages), ' +
  'make sure the person who connected the Page can moderate it, and reconnect the Page';

// WhatsApp's own refusals whose meaning a person needs in plain words.
const WHATSAPP_WORDS: Readonly<Record<number, string>> = {
  131047:
    'WhatsApp refused a free-form message: the 24-hour customer-service window has closed (more than 24 hours since ' +
    'the customer last wrote); only an approved template can be sent until they write again',
  132001: 'WhatsApp does not know this message template (name or language): check the whatsapp.template section of the playbook',
};

const permanentMessage = (info: GraphErrorInfo | undefined, failure: GraphFailure): string => {
  const code = info?.code;
  const platform = failure.platform ?? 'Facebook';
  if (code === 190 && platform === 'WhatsApp') {
    return 'WhatsApp rejected the access token (expired or revoked): create a new system-user token and update WHATSAPP_ACCESS_TOKEN';
  }
  if (code === 190) {
    return `${platform} rejected the Page token (expired or revoked): reconnect the Page and update META_PAGE_ACCESS_TOKEN`;
  }
  const words = code === undefined ? undefined : WHATSAPP_WORDS[code];
  if (words !== undefined) return words;
  if (code === 10900) return `${platform} allows one private reply per comment, and the ${failure.subject} already has one`;
  if (code === 10 && info?.error_subcode === 2018278) {
    return 'Messenger only allows replies within 24 hours of the person’s last message; ' + 'this one is outside that window';
  }
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
    return `${platform} refused the action on the ${failure.subject} for lack of permission: ${PERMISSION_HINT}`;
  }
  const said = info?.message === undefined ? '' : `: ${info.message}`;
  const status = `HTTP ${failure.status}, code ${code ?? 'none'}`;
  return `${platform} rejected the request on the ${failure.subject} (${status})${said}`;
};

/** Turns a failed Graph answer into the error class that tells the queue what to do next. */
export const graphError = (failure: GraphFailure, now: number = Date.now()): AppError => {
  const info = readGraphError(failure.body);
  const code = info?.code;
  const platform = failure.platform ?? 'Facebook';
  if (failure.status === 429) {
    const waitMs = retryAfterMs(failure.headers.get('retry-after'), now) ?? DEFAULT_WAIT_MS;
    const seconds = Math.ceil(waitMs / 1000);
    return new RateLimitedError(`${platform} asked us to slow down (HTTP 429); retrying in ${seconds} s`, waitMs);
  }
  if (code !== undefined && THROTTLING_CODES.has(code)) {
    const waitMs = regainAccessMs(failure.headers.get('x-business-use-case-usage')) ?? DEFAULT_WAIT_MS;
    return new RateLimitedError(`${platform} is throttling calls (code ${code}); retrying in ${Math.ceil(waitMs / 60_000)} min`, waitMs);
  }
  // Codes 1 and 2 are Graph's "unknown error" and "service temporarily unavailable".
  if (failure.status >= 500 || info?.is_transient === true || code === 1 || code === 2) {
    const said = info?.message === undefined ? '' : `: ${info.message}`;
    return new TransientPlatformError(`${platform} failed on the ${failure.subject} (HTTP ${failure.status})${said}`);
  }
  const detail = { status: failure.status, ...(code === undefined ? {} : { platformCode: code }) };
  if (code === 100 && info?.error_subcode === 33) {
    return new GraphObjectGoneError(`The ${failure.subject} no longer exists on ${platform} (deleted)`, detail);
  }
  return new PermanentPlatformError(permanentMessage(info, failure), detail);
};
