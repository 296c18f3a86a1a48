import { describe, expect, it } from 'vitest';
import { parseMetaBody } from '../../../adapters/sources/meta/schema.js';
import {
  commentAdded,
  commentRemoved,
  feedCommentChange,
  feedReactionChange,
  instagramComment,
  instagramDm,
  messengerDm,
  pageBody,
  pageEntry,
  whatsappMessage,
  whatsappStatus,
} from '../../fixtures/meta.js';

type Node = Record<string | number, unknown>;

/** A copy of `body` with the value at `path` replaced (undefined reads as missing). */
const withAt = (body: unknown, path: readonly (string | number)[], value: unknown): unknown => {
  const copy = structuredClone(body) as Node;
  const last = path.at(-1);
  if (last === undefined) return value;
  const parent = path.slice(0, -1).reduce<Node>((node, key) => node[key] as Node, copy);
  parent[last] = value;
  return copy;
};

const errorOf = (json: unknown): string => {
  const result = parseMetaBody(json);
  if (result.ok) throw new Error('expected the body to be refused');
  return result.error;
};

/** The second change of a page entry is a comment with one field replaced. */
const commentWith = (field: string, value: unknown): unknown => {
  const twoChanges = pageBody(pageEntry([feedReactionChange(), feedCommentChange()]));
  return withAt(twoChanges, ['entry', 0, 'changes', 1, 'value', field], value);
};

describe('parseMetaBody accepts realistic bodies', () => {
  it.each([
    ['a page feed comment', commentAdded()],
    ['a removed comment (no message)', commentRemoved()],
    ['a reaction', pageBody(pageEntry([feedReactionChange()]))],
    ['a Messenger DM', messengerDm()],
    ['an Instagram comment', instagramComment()],
    ['an Instagram DM', instagramDm()],
    ['a WhatsApp message', whatsappMessage()],
    ['a WhatsApp image', whatsappMessage({ type: 'image' })],
    ['a WhatsApp status', whatsappStatus()],
    ['an entry with neither changes nor messaging', pageBody({ id: '1', time: 1 })],
  ])('%s', (_name, body) => {
    expect(parseMetaBody(body)).toMatchObject({ ok: true });
  });

  it('keeps unknown fields rather than dropping them', () => {
    const result = parseMetaBody(commentAdded());
    if (!result.ok || result.body.object !== 'page') throw new Error('expected a page body');
    const change = result.body.entry[0]?.changes[0];
    expect(change?.kind).toBe('feed_comment');
    expect(change?.value).toMatchObject({ post: { status_type: 'added_photos' } });
  });
});

describe('parseMetaBody names what is wrong', () => {
  const value = 'entry[0].changes[1].value';

  it.each([
    ['not an object', null, 'body: expected an object, got null'],
    ['an unknown object', { object: 'user', entry: [] }, 'object: expected one of "page", "instagram", "whatsapp_business_account"'],
    ['no entry', { object: 'page' }, 'entry: expected an array, but it is missing'],
    ['an entry without id', pageBody({ time: 1, changes: [] }), 'entry[0].id: expected a string, but it is missing'],
    ['a numeric comment id', commentWith('comment_id', 123), `${value}.comment_id: expected a string, got a number`],
    ['a missing post id', commentWith('post_id', undefined), `${value}.post_id: expected a string, but it is missing`],
    ['a bad created_time', commentWith('created_time', 'yesterday'), `${value}.created_time: expected unix seconds`],
    ['an empty author id', commentWith('from', { id: '' }), `${value}.from.id: expected a non-empty string`],
    [
      'a feed value that is not an object',
      pageBody(pageEntry([{ field: 'feed', value: 7 }])),
      'entry[0].changes[0].value: expected an object, got a number',
    ],
    ['changes that are not an array', pageBody({ id: '1', changes: {} }), 'entry[0].changes: expected an array, got an object'],
    [
      'a Messenger message without mid',
      withAt(messengerDm(), ['entry', 0, 'messaging', 0, 'message', 'mid'], undefined),
      'entry[0].messaging[0].message.mid: expected a string, but it is missing',
    ],
    [
      'an Instagram comment with a string author',
      withAt(instagramComment(), ['entry', 0, 'changes', 0, 'value', 'from'], 'trail.runner'),
      'entry[0].changes[0].value.from: expected an object, got a string',
    ],
    [
      'a WhatsApp text without text',
      withAt(whatsappMessage(), ['entry', 0, 'changes', 0, 'value', 'messages', 0, 'text'], undefined),
      'entry[0].changes[0].value.messages[0].text: expected {body} for a message of type "text"',
    ],
    [
      'a WhatsApp body without metadata',
      withAt(whatsappStatus(), ['entry', 0, 'changes', 0, 'value', 'metadata'], undefined),
      'entry[0].changes[0].value.metadata: expected an object, but it is missing',
    ],
  ])('%s', (_name, body, message) => {
    expect(errorOf(body)).toContain(message);
  });

  it('lists at most three problems', () => {
    const broken = [
      { field: 'feed', value: { item: 'comment', verb: 'add' } },
      { field: 'feed', value: 1 },
    ];
    expect(errorOf(pageBody(pageEntry(broken))).split('; ')).toHaveLength(3);
  });
});

describe('a comment without an author', () => {
  it('is accepted, so the other events in the body are not held back (the mapper records it as ignored)', async () => {
    const { mapMetaBody } = await import('../../../adapters/sources/meta/map.js');
    const body = pageBody(
      pageEntry([
        feedCommentChange({ commentId: '1_2' }),
        { ...feedCommentChange({ commentId: '1_3' }), value: { ...feedCommentChange({ commentId: '1_3' }).value, from: undefined } },
      ]),
    );
    const parsed = parseMetaBody(JSON.parse(JSON.stringify(body)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const items = mapMetaBody(parsed.body);
    expect(items.map((item) => item.type)).toEqual(['message', 'ignored']);
  });
});
