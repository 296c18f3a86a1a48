import type { Message } from '../../../src/domain/message.js';
import type { InboundItem } from '../../../src/domain/source.js';
import type { GenericMessage } from './schema.js';

/** A generic message as every part of Switchboard sees it; the id is unique per platform, so it is the dedupe key too. */
export const mapGenericMessage = (input: GenericMessage): InboundItem => {
  const message: Message = {
    externalId: input.id,
    platform: input.platform,
    kind: input.kind,
    accountId: input.account_id,
    author: {
      id: input.author.id,
      ...(input.author.name ? { name: input.author.name } : {}),
      ...(input.author.username ? { username: input.author.username } : {}),
    },
    text: input.text,
    createdAt: new Date(input.created_at),
    // The bridge forwards what others wrote; the brand's own posts are not sent through it.
    fromSelf: false,
  };
  if (input.post) message.post = { id: input.post.id, ...(input.post.url ? { url: input.post.url } : {}) };
  if (input.thread_id) message.threadId = input.thread_id;
  if (input.parent_id) message.parentId = input.parent_id;
  return { type: 'message', dedupeKey: `${input.platform}:${input.id}`, message, raw: input };
};
