import { z } from 'zod';
import type { InboundItem } from '../domain/source.js';

const message = z.object({
  externalId: z.string().min(1),
  platform: z.string().min(1),
  kind: z.enum(['comment', 'reply', 'dm']),
  accountId: z.string().min(1),
  author: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  text: z.string(),
  post: z.object({ id: z.string(), url: z.string().optional() }).optional(),
  parentId: z.string().optional(),
  threadId: z.string().optional(),
  createdAt: z.coerce.date(),
  fromSelf: z.boolean(),
});

/** The stored form of an InboundItem (JSON: dates are strings until parsed here). */
export const inboundItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), dedupeKey: z.string(), message, raw: z.unknown() }),
  z.object({ type: z.literal('edit'), dedupeKey: z.string(), message, raw: z.unknown() }),
  z.object({
    type: z.literal('remove'),
    dedupeKey: z.string(),
    platform: z.string(),
    externalId: z.string(),
    at: z.coerce.date(),
    raw: z.unknown(),
  }),
  z.object({ type: z.literal('ignored'), dedupeKey: z.string(), reason: z.string(), raw: z.unknown() }),
  z.object({
    type: z.literal('status'),
    dedupeKey: z.string(),
    status: z.object({
      platform: z.string().min(1),
      actionId: z.string().regex(/^[1-9]\d{0,17}$/u),
      status: z.enum(['sent', 'delivered', 'read', 'failed']),
      externalId: z.string().min(1),
      recipientId: z.string().optional(),
      error: z.string().optional(),
      at: z.coerce.date(),
    }),
    raw: z.unknown(),
  }),
]);

export const parseStoredItem = (payload: unknown): InboundItem => inboundItemSchema.parse(payload) as InboundItem;
