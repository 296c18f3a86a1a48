import { z } from 'zod';
import { MESSAGE_KINDS } from '../../../src/domain/message.js';

/** Names with a built-in adapter: their actions go to that platform's API, never to the generic callback. */
const BUILT_IN = new Set(['facebook', 'instagram', 'messenger', 'whatsapp', 'youtube', 'x']);

/** A platform whose messages can only have come through the generic webhook. */
export const isGenericPlatform = (platform: string): boolean => !BUILT_IN.has(platform);

// A label in metrics and on cards: short and plain, so a typo cannot explode the label set.
const platformName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/u, { message: 'expected a short lowercase name such as "tiktok" (letters, digits, - and _)' })
  .refine((name) => !BUILT_IN.has(name), {
    message: 'this platform has its own adapter in Switchboard; send its events to that adapter, not to /webhooks/generic',
  });

const id = z.string().trim().min(1, { message: 'expected a non-empty string' }).max(500);

/** The generic source message of contract.md, one per request. */
export const genericMessageSchema = z.object({
  id,
  platform: platformName,
  kind: z.enum(MESSAGE_KINDS),
  account_id: id,
  author: z.object({ id, name: z.string().max(500).optional(), username: z.string().max(500).optional() }),
  text: z.string().max(100_000),
  post: z.object({ id, url: z.string().max(2_000).optional() }).optional(),
  thread_id: id.optional(),
  parent_id: id.optional(),
  created_at: z.iso.datetime({ offset: true }),
});

export type GenericMessage = z.infer<typeof genericMessageSchema>;

export type ParseGenericResult = { ok: true; message: GenericMessage } | { ok: false; error: string };

/** Parses one message; the error names the field that is wrong and what was expected. */
export const parseGenericMessage = (json: unknown): ParseGenericResult => {
  const parsed = genericMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
};
