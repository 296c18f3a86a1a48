import { z } from 'zod';

/*
 * The YouTube Data API v3 resources Switchboard reads, as far as it relies on them. Unknown fields
 * pass through; a missing field we need fails the call with words rather than a card with holes.
 */

export const MODERATION_STATUSES = ['published', 'heldForReview', 'likelySpam', 'rejected'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

export const commentSchema = z.looseObject({
  id: z.string().min(1),
  snippet: z.looseObject({
    channelId: z.string().optional(),
    videoId: z.string().optional(),
    parentId: z.string().optional(),
    authorDisplayName: z.string().optional(),
    authorChannelId: z.looseObject({ value: z.string() }).optional(),
    textDisplay: z.string().optional(),
    textOriginal: z.string().optional(),
    moderationStatus: z.enum(MODERATION_STATUSES).optional(),
    publishedAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }).optional(),
  }),
});
export type YouTubeComment = z.output<typeof commentSchema>;

export const threadSchema = z.looseObject({
  id: z.string().min(1),
  snippet: z.looseObject({
    channelId: z.string().optional(),
    videoId: z.string().optional(),
    topLevelComment: commentSchema,
    totalReplyCount: z.number().int().nonnegative().default(0),
    canReply: z.boolean().optional(),
  }),
  /** Only a subset of the replies (up to five); the rest come from comments.list?parentId. */
  replies: z.looseObject({ comments: z.array(commentSchema) }).optional(),
});
export type YouTubeThread = z.output<typeof threadSchema>;

const listOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    nextPageToken: z.string().optional(),
    items: z.array(item).default([]),
  });

export const threadListSchema = listOf(threadSchema);
export const commentListSchema = listOf(commentSchema);
export const channelListSchema = listOf(z.looseObject({ id: z.string() }));

export const errorBodySchema = z.object({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    errors: z.array(z.looseObject({ reason: z.string().optional(), message: z.string().optional() })).optional(),
  }),
});

export const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
});
