import { createHash } from 'node:crypto';
import type { Message } from '../../../src/domain/message.js';
import type { InboundItem } from '../../../src/domain/source.js';
import type { Activity, DmEvent, V1Tweet } from './schema-activity.js';
import { dmConversationId, tweetUrl } from './x-ids.js';

// `user_has_blocked` (also spelt `is_blocked_by`) is a flag on a mention delivery, not an event of its own.
const HANDLED = new Set([
  'for_user_id',
  'tweet_create_events',
  'direct_message_events',
  'tweet_delete_events',
  'users',
  'user_has_blocked',
  'is_blocked_by',
]);

const whenOf = (milliseconds: string | undefined, text: string | undefined): Date => {
  if (milliseconds !== undefined && /^\d+$/u.test(milliseconds)) return new Date(Number(milliseconds));
  const parsed = text === undefined ? Number.NaN : Date.parse(text);
  // No usable time: the moment it arrived is the best we know.
  return Number.isNaN(parsed) ? new Date() : new Date(parsed);
};

/**
 * What the person wrote: a long post arrives cut, with the whole text in `extended_tweet`; a reply
 * starts with the @names it answers, which `display_text_range` (in code points) leaves out.
 */
const fullText = (tweet: V1Tweet): string => {
  const text = tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '';
  const range = tweet.extended_tweet?.display_text_range ?? tweet.display_text_range;
  return range ? [...text].slice(range[0], range[1]).join('') : text;
};

const mapTweet = (tweet: V1Tweet, accountId: string): InboundItem => {
  if (tweet.retweeted_status !== undefined) {
    return { type: 'ignored', dedupeKey: `tweet:${tweet.id_str}`, reason: 'a repost has nothing to answer', raw: tweet };
  }
  const parentId = tweet.in_reply_to_status_id_str ?? undefined;
  const message: Message = {
    externalId: tweet.id_str,
    platform: 'x',
    kind: parentId ? 'reply' : 'comment',
    accountId,
    author: {
      id: tweet.user.id_str,
      ...(tweet.user.name ? { name: tweet.user.name } : {}),
      ...(tweet.user.screen_name ? { username: tweet.user.screen_name } : {}),
    },
    text: fullText(tweet),
    post: { id: parentId ?? tweet.id_str, url: tweetUrl(tweet.user.screen_name, tweet.id_str) },
    createdAt: whenOf(tweet.timestamp_ms, tweet.created_at),
    fromSelf: tweet.user.id_str === accountId,
  };
  if (parentId) message.parentId = parentId;
  return { type: 'message', dedupeKey: `tweet:${tweet.id_str}`, message, raw: tweet };
};

const mapDm = (event: DmEvent, accountId: string, users: Activity['users']): InboundItem => {
  const create = event.message_create;
  if (event.type !== 'message_create' || create === undefined) {
    return { type: 'ignored', dedupeKey: `dm:${event.id}`, reason: `DM event ${event.type}`, raw: event };
  }
  const sender = users?.[create.sender_id];
  const fromSelf = create.sender_id === accountId;
  const message: Message = {
    externalId: event.id,
    platform: 'x',
    kind: 'dm',
    accountId,
    author: {
      id: create.sender_id,
      ...(sender?.name ? { name: sender.name } : {}),
      ...(sender?.screen_name ? { username: sender.screen_name } : {}),
    },
    text: create.message_data.text,
    threadId: dmConversationId(create.sender_id, create.target.recipient_id),
    createdAt: whenOf(event.created_timestamp, undefined),
    fromSelf,
  };
  return { type: 'message', dedupeKey: `dm:${event.id}`, message, raw: event };
};

const otherEvents = (activity: Activity): InboundItem[] =>
  Object.entries(activity)
    .filter(([key]) => !HANDLED.has(key))
    .map(([key, value]) => ({
      type: 'ignored',
      dedupeKey: `${key}:${createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32)}`,
      reason: `${key} are not handled`,
      raw: value,
    }));

/** Account Activity → items: mentions and replies, DMs both ways, deleted posts; everything else recorded and ignored. */
export const mapActivity = (activity: Activity, userId: string): InboundItem[] => {
  const accountId = activity.for_user_id ?? userId;
  return [
    ...(activity.tweet_create_events ?? []).map((tweet) => mapTweet(tweet, accountId)),
    ...(activity.direct_message_events ?? []).map((event) => mapDm(event, accountId, activity.users)),
    ...(activity.tweet_delete_events ?? []).map(
      (deleted): InboundItem => ({
        type: 'remove',
        dedupeKey: `delete:${deleted.status.id}`,
        platform: 'x',
        externalId: deleted.status.id,
        at: whenOf(deleted.timestamp_ms, undefined),
        raw: deleted,
      }),
    ),
    ...otherEvents(activity),
  ];
};
