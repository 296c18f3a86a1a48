import { describe, expect, it } from 'vitest';
import { mapActivity } from '../../../adapters/sources/x/map-activity.js';
import { parseActivity } from '../../../adapters/sources/x/schema-activity.js';
import { directMessageEvent, tweetCreateEvent, X_ACCOUNT } from '../../fixtures/x.js';

/* Account Activity deliveries as X sends them, mapped without any service: what becomes a message, what is only recorded. */

const FAN = { id: '2500000000000000001', name: 'Sky Mapper', screen_name: 'skymapper' };

const map = (body: unknown) => {
  const parsed = parseActivity(body);
  if (!parsed.ok) throw new Error(parsed.error);
  return mapActivity(parsed.activity, X_ACCOUNT.id);
};

describe('X Account Activity mapping', () => {
  it('a reply is a reply to its parent, in what the person wrote, and the block flag is not an event', () => {
    const [item, ...rest] = map(
      tweetCreateEvent({ id: '1860000000000000101', text: 'Where is my order?', user: FAN, inReplyTo: '1860000000000000100' }),
    );
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      type: 'message',
      dedupeKey: 'tweet:1860000000000000101',
      message: {
        platform: 'x',
        kind: 'reply',
        parentId: '1860000000000000100',
        text: 'Where is my order?',
        author: { id: FAN.id, name: FAN.name, username: FAN.screen_name },
        accountId: X_ACCOUNT.id,
        createdAt: new Date('2026-11-22T10:00:00Z'),
        fromSelf: false,
      },
    });
  });

  it('takes a long post’s whole text from extended_tweet', () => {
    const body = tweetCreateEvent({ id: '1860000000000000102', text: 'cut…', user: FAN });
    const long = `@${X_ACCOUNT.username} ${'This jacket is great but the zip broke. '.repeat(10)}`;
    Object.assign(body.tweet_create_events[0] ?? {}, {
      truncated: true,
      extended_tweet: { full_text: long, display_text_range: [X_ACCOUNT.username.length + 2, [...long].length] },
    });
    const [item] = map(body);
    expect(item?.type === 'message' && item.message.text).toBe(long.slice(X_ACCOUNT.username.length + 2));
  });

  it('records reposts and likes without acting on them, and the account’s own posts as its own', () => {
    const repost = tweetCreateEvent({ id: '1860000000000000103', text: 'RT', user: FAN });
    Object.assign(repost.tweet_create_events[0] ?? {}, { retweeted_status: { id_str: '1' } });
    expect(map(repost)).toMatchObject([{ type: 'ignored', reason: 'a repost has nothing to answer' }]);
    expect(map({ for_user_id: X_ACCOUNT.id, favorite_events: [{ id: 'f1' }] })).toMatchObject([
      { type: 'ignored', reason: 'favorite_events are not handled' },
    ]);
    const own = tweetCreateEvent({
      id: '1860000000000000104',
      text: 'Thanks all',
      user: { id: X_ACCOUNT.id, name: X_ACCOUNT.name, screen_name: X_ACCOUNT.username },
    });
    expect(map(own)).toMatchObject([{ type: 'message', message: { fromSelf: true } }]);
  });

  it('a DM is a dm in the one-to-one conversation, named from the users map', () => {
    const [item] = map(directMessageEvent({ id: '1860000000000000200', text: 'I want a refund', sender: FAN }));
    expect(item).toMatchObject({
      type: 'message',
      dedupeKey: 'dm:1860000000000000200',
      message: {
        kind: 'dm',
        text: 'I want a refund',
        author: { id: FAN.id, name: FAN.name },
        threadId: `${X_ACCOUNT.id}-${FAN.id}`,
        fromSelf: false,
      },
    });
  });

  it('a deleted post is a removal', () => {
    const items = map({
      for_user_id: X_ACCOUNT.id,
      tweet_delete_events: [{ status: { id: '1860000000000000101', user_id: FAN.id }, timestamp_ms: '1764410400000' }],
    });
    expect(items).toMatchObject([{ type: 'remove', platform: 'x', externalId: '1860000000000000101', at: new Date(1764410400000) }]);
  });
});
