import { z } from 'zod';

/*
 * Meta webhook bodies. Objects are loose (Meta adds fields without notice) but every field
 * the mapper relies on is checked here, so a malformed body is refused with its path
 * instead of failing later inside a worker.
 */

const id = z.string().min(1);
/** Unix seconds: numbers in page feeds, digit strings in WhatsApp. */
const UNIX_SECONDS = { error: 'expected unix seconds (a number or a string of digits)' };
const unixSeconds = z.union([z.number(UNIX_SECONDS).nonnegative(UNIX_SECONDS), z.string(UNIX_SECONDS).regex(/^\d+$/u, UNIX_SECONDS)]);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a nested part with its own schema, reporting issues at their full path. */
const parseAt = <T>(schema: z.ZodType<T>, input: unknown, ctx: z.RefinementCtx, path: PropertyKey[]): T | undefined => {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [...path, ...issue.path] });
  return undefined;
};

// A comment without `from` (Meta omits it when the app lacks a permission) is recorded as
// ignored by the mapper rather than refused: a 400 would make Meta redeliver the whole body,
// holding every other event in it hostage.
export const feedCommentSchema = z.looseObject({
  item: z.literal('comment'),
  verb: z.string(),
  comment_id: id,
  post_id: id,
  parent_id: id.optional(),
  from: z.looseObject({ id, name: z.string().optional() }).optional(),
  message: z.string().optional(),
  created_time: unixSeconds,
});
export type FeedComment = z.output<typeof feedCommentSchema>;

const feedOtherSchema = z.looseObject({ item: z.string().optional(), verb: z.string().optional() });

export const instagramCommentSchema = z.looseObject({
  id,
  from: z.looseObject({ id, username: z.string().optional() }),
  text: z.string(),
  media: z.looseObject({ id, media_product_type: z.string().optional() }).optional(),
  parent_id: id.optional(),
});
export type InstagramComment = z.output<typeof instagramCommentSchema>;

const whatsappMessageSchema = z
  .looseObject({
    from: id,
    id,
    timestamp: unixSeconds,
    type: z.string(),
    text: z.looseObject({ body: z.string() }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.type === 'text' && value.text === undefined) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'expected {body} for a message of type "text"' });
    }
  });

const whatsappErrorSchema = z.looseObject({
  code: z.number().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});
export type WhatsAppError = z.output<typeof whatsappErrorSchema>;

/** A delivery report: `biz_opaque_callback_data` is what our send carried; `errors` only on failures. */
const whatsappStatusSchema = z.looseObject({
  id,
  status: z.string(),
  timestamp: unixSeconds.optional(),
  recipient_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(whatsappErrorSchema).optional(),
});
export type WhatsAppStatus = z.output<typeof whatsappStatusSchema>;

export const whatsappValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: id, display_phone_number: z.string().optional() }),
  contacts: z.array(z.looseObject({ wa_id: z.string(), profile: z.looseObject({ name: z.string().optional() }).optional() })).optional(),
  messages: z.array(whatsappMessageSchema).optional(),
  statuses: z.array(whatsappStatusSchema).optional(),
});
export type WhatsAppValue = z.output<typeof whatsappValueSchema>;

const changeSchema = z.looseObject({ field: z.string(), value: z.unknown() });

const pageChangeSchema = changeSchema.transform((change, ctx) => {
  if (change.field !== 'feed') return { kind: 'other' as const, field: change.field, value: change.value };
  if (isRecord(change.value) && change.value.item === 'comment') {
    const value = parseAt(feedCommentSchema, change.value, ctx, ['value']);
    return value === undefined ? z.NEVER : { kind: 'feed_comment' as const, field: change.field, value };
  }
  const value = parseAt(feedOtherSchema, change.value, ctx, ['value']);
  return value === undefined ? z.NEVER : { kind: 'other' as const, field: change.field, value: value as unknown };
});

const INSTAGRAM_COMMENT_FIELDS = new Set(['comments', 'live_comments']);

const instagramChangeSchema = changeSchema.transform((change, ctx) => {
  if (!INSTAGRAM_COMMENT_FIELDS.has(change.field)) {
    return { kind: 'other' as const, field: change.field, value: change.value };
  }
  const value = parseAt(instagramCommentSchema, change.value, ctx, ['value']);
  return value === undefined ? z.NEVER : { kind: 'instagram_comment' as const, field: change.field, value };
});

const whatsappChangeSchema = changeSchema.transform((change, ctx) => {
  if (change.field !== 'messages') return { kind: 'other' as const, field: change.field, value: change.value };
  const value = parseAt(whatsappValueSchema, change.value, ctx, ['value']);
  return value === undefined ? z.NEVER : { kind: 'whatsapp_messages' as const, field: change.field, value };
});

const directMessageSchema = z.looseObject({
  sender: z.looseObject({ id }),
  recipient: z.looseObject({ id }),
  timestamp: z.number().nonnegative(),
  message: z.looseObject({ mid: id, text: z.string().optional(), is_echo: z.boolean().optional() }),
});
export type DirectMessageEvent = z.output<typeof directMessageSchema>;

/** Reads, deliveries, postbacks and reactions are kept loose: they are recorded, not processed. */
const messagingEventSchema = z.looseObject({}).transform((event, ctx) => {
  if (event.message === undefined) return { kind: 'other' as const, event: event as Record<string, unknown> };
  const parsed = parseAt(directMessageSchema, event, ctx, []);
  return parsed === undefined ? z.NEVER : { kind: 'message' as const, event: parsed };
});
export type MessagingEvent = z.output<typeof messagingEventSchema>;

/** Entry time is seconds for feed changes and milliseconds for messaging; absent for WhatsApp. */
const entryTime = z.number().nonnegative().optional();

const pageEntrySchema = z.looseObject({
  id,
  time: entryTime,
  changes: z.array(pageChangeSchema).default([]),
  messaging: z.array(messagingEventSchema).default([]),
});

const instagramEntrySchema = z.looseObject({
  id,
  time: entryTime,
  changes: z.array(instagramChangeSchema).default([]),
  messaging: z.array(messagingEventSchema).default([]),
});

const whatsappEntrySchema = z.looseObject({
  id,
  time: entryTime,
  changes: z.array(whatsappChangeSchema).default([]),
});

export const META_OBJECTS = ['page', 'instagram', 'whatsapp_business_account'] as const;
export type MetaObject = (typeof META_OBJECTS)[number];

export const metaBodySchema = z.discriminatedUnion('object', [
  z.looseObject({ object: z.literal('page'), entry: z.array(pageEntrySchema) }),
  z.looseObject({ object: z.literal('instagram'), entry: z.array(instagramEntrySchema) }),
  z.looseObject({ object: z.literal('whatsapp_business_account'), entry: z.array(whatsappEntrySchema) }),
]);
export type MetaBody = z.output<typeof metaBodySchema>;
export type PageEntry = z.output<typeof pageEntrySchema>;
export type InstagramEntry = z.output<typeof instagramEntrySchema>;
export type WhatsAppEntry = z.output<typeof whatsappEntrySchema>;

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`),
    '',
  ) || 'body';

const describeValue = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' || type === 'undefined' ? `an ${type}` : `a ${type}`;
};

const withArticle = (noun: string): string => (/^[aeiou]/u.test(noun) ? `an ${noun}` : `a ${noun}`);

const describeIssue = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `expected ${withArticle(issue.expected)}, but it is missing`
        : `expected ${withArticle(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'invalid_union':
      return issue.discriminator !== undefined && 'options' in issue && issue.options !== undefined
        ? `expected one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}`
        : issue.message;
    case 'too_small':
      return issue.origin === 'string' ? 'expected a non-empty string' : issue.message;
    default:
      return issue.message;
  }
};

export type ParseMetaResult = { ok: true; body: MetaBody } | { ok: false; error: string };

/** Validates a decoded webhook body; the error names each offending path (at most three). */
export const parseMetaBody = (json: unknown): ParseMetaResult => {
  const result = metaBodySchema.safeParse(json, { reportInput: true });
  if (result.success) return { ok: true, body: result.data };
  const error = result.error.issues
    .slice(0, 3)
    .map((issue) => `${formatPath(issue.path)}: ${describeIssue(issue)}`)
    .join('; ');
  return { ok: false, error };
};
