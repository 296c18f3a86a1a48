import { z } from 'zod';

/** A post as X API v2 returns it with the fields Switchboard asks for. */
export const v2TweetSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  author_id: z.string().optional(),
  created_at: z.string().optional(),
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.string(), id: z.string() })).optional(),
  entities: z.looseObject({ mentions: z.array(z.looseObject({ id: z.string().optional(), username: z.string() })).optional() }).optional(),
});
export type V2Tweet = z.infer<typeof v2TweetSchema>;

export const v2UserSchema = z.looseObject({ id: z.string(), name: z.string().optional(), username: z.string().optional() });
export type V2User = z.infer<typeof v2UserSchema>;

/** A page of a timeline (mentions, a user's posts): newest first, with `next_token` for older ones. */
export const timelinePageSchema = z.looseObject({
  data: z.array(v2TweetSchema).optional(),
  includes: z.looseObject({ users: z.array(v2UserSchema).optional() }).optional(),
  meta: z
    .looseObject({ newest_id: z.string().optional(), next_token: z.string().optional(), result_count: z.number().optional() })
    .optional(),
});
export type TimelinePage = z.infer<typeof timelinePageSchema>;

export const dmEventsPageSchema = z.looseObject({
  data: z
    .array(
      z.looseObject({
        id: z.string(),
        event_type: z.string().optional(),
        text: z.string().optional(),
        sender_id: z.string().optional(),
        created_at: z.string().optional(),
      }),
    )
    .optional(),
  meta: z.looseObject({ next_token: z.string().optional() }).optional(),
});

export const blockingPageSchema = z.looseObject({
  data: z.array(v2UserSchema).optional(),
  meta: z.looseObject({ next_token: z.string().optional() }).optional(),
});

export const createdTweetSchema = z.looseObject({ data: z.looseObject({ id: z.string() }) });
export const sentDmSchema = z.looseObject({ data: z.looseObject({ dm_event_id: z.string(), dm_conversation_id: z.string().optional() }) });
export const meSchema = z.looseObject({ data: v2UserSchema });
