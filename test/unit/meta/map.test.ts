import { describe, expect, it } from 'vitest';
import { mapMetaBody } from '../../../adapters/sources/meta/map.js';
import { parseMetaBody } from '../../../adapters/sources/meta/schema.js';
import type { InboundItem } from '../../../src/domain/source.js';
import {
  CREATED_TIME,
  IG_ACCOUNT_ID,
  PAGE_ID,
  PHONE_NUMBER_ID,
  POST_ID,
  commentAdded,
  commentEdited,
  commentRemoved,
  feedCommentChange,
  feedReactionChange,
  instagramComment,
  instagramDm,
  messengerDm,
  messengerEvent,
  pageBody,
  pageEntry,
  pageOwnComment,
  replyAdded,
  whatsappMessage,
  whatsappStatus,
} from '../../fixtures/meta.js';

const RECEIVED = new Date('2026-11-22T12:00:00Z');

const mapJson = (json: unknown): InboundItem[] => {
  const parsed = parseMetaBody(JSON.parse(JSON.stringify(json)));
  if (!parsed.ok) throw new Error(parsed.error);
  return mapMetaBody(parsed.body, RECEIVED);
};

const only = (json: unknown): InboundItem => {
  const items = mapJson(json);
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error('no item');
  return item;
};

const COMMENT_ID = '220000000000001_330000000000001';

describe('Facebook Page feed comments', () => {
  it('maps an added top-level comment to a message', () => {
    const item = only(commentAdded());
    expect(item).toMatchObject({
      type: 'message',
      dedupeKey: `facebook:comment:add:${COMMENT_ID}`,
      message: {
        externalId: COMMENT_ID,
        platform: 'facebook',
        kind: 'comment',
        accountId: PAGE_ID,
        author: { id: '6100000000000042', name: 'Dana Whitfield' },
        text: 'Is this available in size M?',
        post: { id: POST_ID, url: `https://www.facebook.com/${POST_ID}` },
        threadId: COMMENT_ID,
        createdAt: new Date(CREATED_TIME * 1000),
        fromSelf: false,
      },
    });
    expect(item.type === 'message' && item.message.parentId).toBeUndefined();
  });

  it('maps a comment whose parent is another comment to a reply in that thread', () => {
    const item = only(replyAdded({ commentId: '220000000000001_440', parentId: COMMENT_ID }));
    expect(item).toMatchObject({
      type: 'message',
      message: { kind: 'reply', parentId: COMMENT_ID, threadId: COMMENT_ID },
    });
  });

  it('marks the Page’s own comment fromSelf', () => {
    const item = only(pageOwnComment());
    expect(item).toMatchObject({ type: 'message', message: { fromSelf: true, author: { id: PAGE_ID } } });
  });

  it('maps an edit with the new text', () => {
    const item = only(commentEdited({ message: 'Actually size L' }));
    expect(item).toMatchObject({ type: 'edit', message: { externalId: COMMENT_ID, text: 'Actually size L' } });
    const key = new RegExp(`^facebook:comment:edit:${COMMENT_ID}:${CREATED_TIME}:[0-9a-f]{12}$`, 'u');
    expect(item.dedupeKey).toMatch(key);
  });

  it('accepts the "edit" spelling of the verb too', () => {
    expect(only(pageBody(pageEntry([feedCommentChange({ verb: 'edit' })]))).type).toBe('edit');
  });

  it('maps a removal', () => {
    expect(only(commentRemoved())).toMatchObject({
      type: 'remove',
      dedupeKey: `facebook:comment:remove:${COMMENT_ID}`,
      platform: 'facebook',
      externalId: COMMENT_ID,
      at: new Date(CREATED_TIME * 1000),
    });
  });

  it.each([
    ['a reaction', pageBody(pageEntry([feedReactionChange()])), /feed item "reaction"/u],
    ['a hidden comment', pageBody(pageEntry([feedCommentChange({ verb: 'hide' })])), /verb "hide"/u],
    ['another field', pageBody(pageEntry([{ field: 'mention', value: { post_id: POST_ID } }])), /field "mention"/u],
  ])('ignores %s with a reason', (_name, body, reason) => {
    const item = only(body);
    expect(item.type).toBe('ignored');
    expect(item.type === 'ignored' && item.reason).toMatch(reason);
    expect(item.dedupeKey).toMatch(/^facebook:ignored:[0-9a-f]{16}$/u);
  });

  it('keeps the event fragment and its envelope as raw', () => {
    const item = only(commentAdded());
    expect(item.raw).toEqual({
      ...feedCommentChange(),
      object: 'page',
      entry_id: PAGE_ID,
      entry_time: CREATED_TIME + 1,
    });
  });
});

describe('dedupe keys', () => {
  const keys = (json: unknown): string[] => mapJson(json).map((item) => item.dedupeKey);

  it('are the same when Meta redelivers a body, even regrouped under another entry time', () => {
    const body = pageBody(pageEntry([feedCommentChange(), feedReactionChange()]));
    const regrouped = pageBody(pageEntry([feedCommentChange(), feedReactionChange()], { time: CREATED_TIME + 90 }));
    expect(keys(body)).toEqual(keys(structuredClone(body)));
    expect(keys(body)).toEqual(keys(regrouped));
  });

  it('differ between two edits of one comment, and from its add and remove', () => {
    const first = keys(commentEdited({ message: 'size L' }));
    const second = keys(commentEdited({ message: 'size XL' }));
    const later = keys(commentEdited({ message: 'size L', createdTime: CREATED_TIME + 60 }));
    const all = [...first, ...second, ...later, ...keys(commentAdded()), ...keys(commentRemoved())];
    expect(new Set(all).size).toBe(5);
  });

  it('differ between distinct ignored events', () => {
    const like = keys(pageBody(pageEntry([feedReactionChange({ reaction: 'like' })])));
    const love = keys(pageBody(pageEntry([feedReactionChange({ reaction: 'love' })])));
    expect(like).not.toEqual(love);
  });
});

describe('bodies with many entries and changes', () => {
  it('maps every change of every entry, in order', () => {
    const body = pageBody(
      pageEntry([feedCommentChange({ commentId: 'p_1' }), feedReactionChange(), feedCommentChange({ commentId: 'p_2', verb: 'remove' })]),
      pageEntry([feedCommentChange({ pageId: '999', commentId: 'p_3' })], { pageId: '999' }),
      {
        id: PAGE_ID,
        time: CREATED_TIME * 1000,
        messaging: [messengerEvent({ mid: 'm_1' }), messengerEvent({ mid: 'm_2' })],
      },
    );
    const items = mapJson(body);
    expect(items.map((item) => item.type)).toEqual(['message', 'ignored', 'remove', 'message', 'message', 'message']);
    expect(items[3]).toMatchObject({ message: { accountId: '999', externalId: 'p_3' } });
    expect(items.slice(4).map((item) => item.dedupeKey)).toEqual(['messenger:dm:m_1', 'messenger:dm:m_2']);
  });
});

describe('Messenger and Instagram DMs', () => {
  it('maps a Messenger text to a dm', () => {
    expect(only(messengerDm({ mid: 'm_9', text: 'Where is my order?' }))).toMatchObject({
      type: 'message',
      dedupeKey: 'messenger:dm:m_9',
      message: {
        externalId: 'm_9',
        platform: 'messenger',
        kind: 'dm',
        accountId: PAGE_ID,
        author: { id: '7300000000000011' },
        text: 'Where is my order?',
        threadId: '7300000000000011',
        createdAt: new Date(CREATED_TIME * 1000 + 627),
        fromSelf: false,
      },
    });
  });

  it('ignores echoes of the Page’s own messages', () => {
    const item = only(messengerDm({ echo: true }));
    expect(item).toMatchObject({ type: 'ignored', reason: expect.stringMatching(/echo/u) });
  });

  it('ignores reads and deliveries, naming the event', () => {
    const read = { sender: { id: '1' }, recipient: { id: PAGE_ID }, timestamp: 5, read: { watermark: 4 } };
    const item = only(pageBody({ id: PAGE_ID, messaging: [read] }));
    expect(item).toMatchObject({ type: 'ignored', reason: 'messaging event "read" is not handled' });
  });

  it('maps an Instagram DM with platform instagram', () => {
    expect(only(instagramDm({ mid: 'ig_m1' }))).toMatchObject({
      type: 'message',
      dedupeKey: 'instagram:dm:ig_m1',
      message: { platform: 'instagram', kind: 'dm', accountId: IG_ACCOUNT_ID, text: 'Do you ship to Austria?' },
    });
  });
});

describe('Instagram comments', () => {
  it('maps a comment on a media', () => {
    expect(only(instagramComment({ id: 'ig_c1' }))).toMatchObject({
      type: 'message',
      dedupeKey: 'instagram:comment:add:ig_c1',
      message: {
        platform: 'instagram',
        kind: 'comment',
        accountId: IG_ACCOUNT_ID,
        author: { id: '17841455555555555', username: 'trail.runner' },
        post: { id: '17900000000000001' },
        threadId: 'ig_c1',
        createdAt: new Date(CREATED_TIME * 1000),
        fromSelf: false,
      },
    });
  });

  it('maps a reply and the account’s own comment', () => {
    const reply = only(instagramComment({ id: 'ig_c2', parentId: 'ig_c1' }));
    expect(reply).toMatchObject({ message: { kind: 'reply', parentId: 'ig_c1', threadId: 'ig_c1' } });
    expect(only(instagramComment({ fromId: IG_ACCOUNT_ID }))).toMatchObject({ message: { fromSelf: true } });
  });
});

describe('WhatsApp', () => {
  it('maps a text message with the contact’s name', () => {
    expect(only(whatsappMessage({ id: 'wamid.1', body: 'Hello' }))).toMatchObject({
      type: 'message',
      dedupeKey: 'whatsapp:dm:wamid.1',
      message: {
        platform: 'whatsapp',
        kind: 'dm',
        accountId: PHONE_NUMBER_ID,
        author: { id: '16315551181', name: 'Kerry Fisher' },
        text: 'Hello',
        threadId: '16315551181',
        createdAt: new Date(CREATED_TIME * 1000),
      },
    });
  });

  it('ignores statuses of messages Switchboard did not send, and non-text messages', () => {
    const status = only(whatsappStatus({ status: 'read' }));
    expect(status).toMatchObject({ type: 'ignored', reason: 'delivery status "read"' });
    const another = only(whatsappStatus({ status: 'read', callbackData: 'crm-ticket-42' }));
    expect(another).toMatchObject({ type: 'ignored', reason: 'delivery status "read"' });
    const tooLong = only(whatsappStatus({ status: 'read', callbackData: `switchboard:action:${'9'.repeat(30)}` }));
    expect(tooLong).toMatchObject({ type: 'ignored' });
    const image = only(whatsappMessage({ type: 'image' }));
    expect(image).toMatchObject({ type: 'ignored', reason: 'message of type "image" is not handled yet' });
  });

  it('turns the status of one of our sends into a status for its action, with WhatsApp’s words on a failure', () => {
    expect(only(whatsappStatus({ id: 'wamid.A', status: 'delivered', callbackData: 'switchboard:action:42' }))).toMatchObject({
      type: 'status',
      dedupeKey: 'whatsapp:status:wamid.A:delivered',
      status: { platform: 'whatsapp', actionId: '42', status: 'delivered', externalId: 'wamid.A', recipientId: '16315551181' },
    });
    const errors = [{ code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.' }];
    const failed = only(whatsappStatus({ id: 'wamid.B', status: 'failed', callbackData: 'switchboard:action:43', errors }));
    expect(failed).toMatchObject({
      type: 'status',
      status: { status: 'failed', error: 'This message was not delivered to maintain healthy ecosystem engagement. (code 131049)' },
    });
    const deleted = only(whatsappStatus({ status: 'deleted', callbackData: 'switchboard:action:44' }));
    expect(deleted).toMatchObject({ type: 'ignored' });
  });

  it('gives each status of one message its own key', () => {
    const delivered = only(whatsappStatus({ status: 'delivered' })).dedupeKey;
    expect(only(whatsappStatus({ status: 'read' })).dedupeKey).not.toBe(delivered);
  });
});
