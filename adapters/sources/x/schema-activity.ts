import { z } from 'zod';

/** A v1.1 user inside an Account Activity event. */
const v1UserSchema = z.looseObject({ id_str: z.string(), name: z.string().optional(), screen_name: z.string().optional() });

/** A v1.1 Tweet object, as `tweet_create_events` carries it (mentions, replies, quotes, retweets). */
export const v1TweetSchema = z.looseObject({
  id_str: z.string(),
  text: z.string().optional(),
  full_text: z.string().optional(),
  truncated: z.boolean().optional(),
  extended_tweet: z.looseObject({ full_text: z.string(), display_text_range: z.tuple([z.number(), z.number()]).optional() }).optional(),
  display_text_range: z.tuple([z.number(), z.number()]).optional(),
  created_at: z.string().optional(),
  timestamp_ms: z.string().optional(),
  user: v1UserSchema,
  in_reply_to_status_id_str: z.string().nullable().optional(),
  quoted_status_id_str: z.string().nullable().optional(),
  retweeted_status: z.unknown().optional(),
});
export type V1Tweet = z.infer<typeof v1TweetSchema>;

export const dmEventSchema = z.looseObject({
  type: z.string(),
  id: z.string(),
  created_timestamp: z.string().optional(),
  message_create: z
    .looseObject({
      target: z.looseObject({ recipient_id: z.string() }),
      sender_id: z.string(),
      message_data: z.looseObject({ text: z.string() }),
    })
    .optional(),
});
export type DmEvent = z.infer<typeof dmEventSchema>;

const deleteEventSchema = z.looseObject({
  status: z.looseObject({ id: z.string(), user_id: z.string().optional() }),
  timestamp_ms: z.string().optional(),
});

/** The Account Activity envelope: one subscribed account, and the events X had for it. */
export const activitySchema = z.looseObject({
  for_user_id: z.string().optional(),
  tweet_create_events: z.array(v1TweetSchema).optional(),
  direct_message_events: z.array(dmEventSchema).optional(),
  tweet_delete_events: z.array(deleteEventSchema).optional(),
  users: z
    .record(z.string(), z.looseObject({ id: z.string().optional(), name: z.string().optional(), screen_name: z.string().optional() }))
    .optional(),
});
export type Activity = z.infer<typeof activitySchema>;

export type ParseActivityResult = { ok: true; activity: Activity } | { ok: false; error: string };

export const parseActivity = (json: unknown): ParseActivityResult => {
  const parsed = activitySchema.safeParse(json);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
};
