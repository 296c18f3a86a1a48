import type { Message } from '../../../src/domain/message.js';
import type { InboundItem } from '../../../src/domain/source.js';
import type { TimelinePage, V2Tweet, V2User } from './schema-v2.js';
import { tweetUrl } from './x-ids.js';

const repliedTo = (tweet: V2Tweet): string | undefined => tweet.referenced_tweets?.find((ref) => ref.type === 'replied_to')?.id;

/** A reply starts with the @names it answers (X adds them); the card shows what the person wrote. */
const writtenText = (tweet: V2Tweet, isReply: boolean): string => (isReply ? tweet.text.replace(/^(@\w+\s+)+/u, '') : tweet.text);

/** A mention found by polling, as the webhook's would be (same dedupe key: switching modes makes no second card). */
export const mapV2Tweet = (tweet: V2Tweet, author: V2User | undefined, accountId: string): InboundItem => {
  const authorId = tweet.author_id ?? author?.id ?? 'unknown';
  if (tweet.referenced_tweets?.some((ref) => ref.type === 'retweeted')) {
    return { type: 'ignored', dedupeKey: `tweet:${tweet.id}`, reason: 'a repost has nothing to answer', raw: tweet };
  }
  const parentId = repliedTo(tweet);
  const message: Message = {
    externalId: tweet.id,
    platform: 'x',
    kind: parentId ? 'reply' : 'comment',
    accountId,
    author: {
      id: authorId,
      ...(author?.name ? { name: author.name } : {}),
      ...(author?.username ? { username: author.username } : {}),
    },
    text: writtenText(tweet, parentId !== undefined),
    post: { id: tweet.conversation_id ?? parentId ?? tweet.id, url: tweetUrl(author?.username, tweet.id) },
    createdAt: tweet.created_at ? new Date(tweet.created_at) : new Date(),
    fromSelf: authorId === accountId,
  };
  if (parentId) message.parentId = parentId;
  if (tweet.conversation_id) message.threadId = tweet.conversation_id;
  return { type: 'message', dedupeKey: `tweet:${tweet.id}`, message, raw: tweet };
};

export const mapTimelinePage = (page: TimelinePage, accountId: string): InboundItem[] => {
  const users = new Map((page.includes?.users ?? []).map((user) => [user.id, user]));
  return (page.data ?? []).map((tweet) => mapV2Tweet(tweet, users.get(tweet.author_id ?? ''), accountId));
};
