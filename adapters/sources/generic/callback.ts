import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PlatformActionRequest } from '../../../src/domain/source.js';
import { errorMessage, PermanentPlatformError, RateLimitedError, TransientPlatformError } from '../../../src/errors.js';
import { signGenericBody } from './verify.js';

export interface CallbackOptions {
  callbackUrl: string;
  secret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type CallbackAnswer = { status: 'done'; id: string | undefined } | { status: 'not_done' };

const okAnswer = z.object({ ok: z.literal(true), id: z.union([z.string(), z.number()]).optional() });
const refusal = z.object({ ok: z.literal(false).optional(), error: z.string().optional() });

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_AFTER_MS = 30_000;

/** The stored action's key; a request without one (never from the action worker) gets one derived from its content. */
export const keyOf = (request: PlatformActionRequest): string =>
  request.idempotencyKey ??
  createHash('sha256')
    .update(JSON.stringify([request.kind, request.platform, request.accountId, request.target, request.text ?? '']))
    .digest('hex');

const PERSON_ACTIONS = new Set(['block', 'send_dm']);

/**
 * The signed body of contract.md. The target is what the action applies to: the message for a reply,
 * hide, unhide or delete; its author for a DM or a block. `lookup` asks whether the key was done, without doing it.
 */
export const callbackBody = (request: PlatformActionRequest, lookup: boolean) => ({
  idempotency_key: keyOf(request),
  action: request.kind,
  platform: request.platform,
  account_id: request.accountId,
  target: PERSON_ACTIONS.has(request.kind) ? { author_id: request.target } : { message_id: request.target },
  ...(request.text === undefined ? {} : { text: request.text }),
  ...(lookup ? { lookup: true } : {}),
});

const readJson = async (response: Response): Promise<unknown> => {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const retryAfterMs = (response: Response): number => {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;
};

/** 200 ok → done; 404 to a lookup → not done; 429 → wait; other 4xx → refused for good, in the receiver's words; else unknown. */
const interpret = async (response: Response, lookup: boolean): Promise<CallbackAnswer> => {
  const json = await readJson(response);
  if (response.status >= 200 && response.status < 300) {
    const ok = okAnswer.safeParse(json);
    if (ok.success) return { status: 'done', id: ok.data.id === undefined ? undefined : String(ok.data.id) };
    throw new TransientPlatformError(`the callback answered ${response.status} without {"ok": true}; its outcome is unknown`);
  }
  if (lookup && response.status === 404) return { status: 'not_done' };
  if (response.status === 429) throw new RateLimitedError('the callback asked us to slow down (429)', retryAfterMs(response));
  if (response.status >= 400 && response.status < 500) {
    const words = refusal.safeParse(json).data?.error ?? (typeof json === 'string' && json !== '' ? json.slice(0, 300) : undefined);
    throw new PermanentPlatformError(words ?? `the receiver answered HTTP ${response.status}`, { status: response.status });
  }
  throw new TransientPlatformError(`the callback answered HTTP ${response.status}; its outcome is unknown`);
};

/** POSTs one action (or a lookup) to GENERIC_CALLBACK_URL, signed, with the action's key in `Idempotency-Key`. */
export const postCallback = async (
  options: CallbackOptions,
  request: PlatformActionRequest,
  body: ReturnType<typeof callbackBody>,
): Promise<CallbackAnswer> => {
  const raw = JSON.stringify(body);
  const lookup = body.lookup === true;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(options.callbackUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-switchboard-signature': signGenericBody(raw, options.secret),
        'idempotency-key': keyOf(request),
        ...(lookup ? { 'x-switchboard-lookup': 'true' } : {}),
      },
      body: raw,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new TransientPlatformError(`no answer from the callback: ${errorMessage(error)}`, { cause: error });
  }
  return interpret(response, lookup);
};
