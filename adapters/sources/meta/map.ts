import { createHash } from 'node:crypto';
import type { Message } from '../../../src/domain/message.js';
import type { InboundItem } from '../../../src/domain/source.js';
import type { FeedComment, InstagramComment, MessagingEvent, MetaBody, MetaObject, WhatsAppValue } from './schema.js';
import { mapWhatsAppStatus } from './whatsapp-status.js';

interface EntryContext {
  object: MetaObject;
  entryId: string;
  entryTime: number | undefined;
  receivedAt: Date;
}

type Fragment = Record<string, unknown>;

const shortHash = (text: string, length = 12): string => createHash('sha256').update(text).digest('hex').slice(0, length);

const rawOf = (fragment: Fragment, ctx: EntryContext): Fragment => ({
  ...fragment,
  object: ctx.object,
  entry_id: ctx.entryId,
  entry_time: ctx.entryTime,
});

const fromSeconds = (value: number | string): Date => new Date(Number(value) * 1000);

/** Entry times come in seconds (feed and Instagram changes) or milliseconds (messaging). */
const entryDate = (ctx: EntryContext): Date => {
  if (ctx.entryTime === undefined) return ctx.receivedAt;
  return new Date(ctx.entryTime > 1e12 ? ctx.entryTime : ctx.entryTime * 1000);
};

// Hashes the fragment without entry_time: Meta may regroup events into new entries on redelivery.
const ignored = (platform: string, reason: string, fragment: Fragment, ctx: EntryContext): InboundItem => ({
  type: 'ignored',
  dedupeKey: `${platform}:ignored:${shortHash(JSON.stringify([ctx.entryId, fragment]), 16)}`,
  reason,
  raw: rawOf(fragment, ctx),
});

const feedMessage = (value: FeedComment, author: NonNullable<FeedComment['from']>, pageId: string): Message => {
  const isReply = value.parent_id !== undefined && value.parent_id !== value.post_id;
  return {
    externalId: value.comment_id,
    platform: 'facebook',
    kind: isReply ? 'reply' : 'comment',
    accountId: pageId,
    author: { id: author.id, name: author.name },
    text: value.message ?? '',
    post: { id: value.post_id, url: `https://www.facebook.com/${value.post_id}` },
    parentId: isReply ? value.parent_id : undefined,
    threadId: isReply ? value.parent_id : value.comment_id,
    createdAt: fromSeconds(value.created_time),
    fromSelf: author.id === pageId,
  };
};

const mapFeedComment = (value: FeedComment, fragment: Fragment, ctx: EntryContext): InboundItem => {
  const id = value.comment_id;
  const raw = rawOf(fragment, ctx);
  if (value.verb === 'remove') {
    const at = fromSeconds(value.created_time);
    const dedupeKey = `facebook:comment:remove:${id}`;
    return { type: 'remove', dedupeKey, platform: 'facebook', externalId: id, at, raw };
  }
  const isAdd = value.verb === 'add';
  if (!isAdd && value.verb !== 'edited' && value.verb !== 'edit') {
    return ignored('facebook', `feed comment verb "${value.verb}" is not handled`, fragment, ctx);
  }
  if (value.from === undefined) return ignored('facebook', 'feed comment without an author', fragment, ctx);
  const message = feedMessage(value, value.from, ctx.entryId);
  if (isAdd) return { type: 'message', dedupeKey: `facebook:comment:add:${id}`, message, raw };
  const version = `${value.created_time}:${shortHash(message.text)}`;
  return { type: 'edit', dedupeKey: `facebook:comment:edit:${id}:${version}`, message, raw };
};

const mapInstagramComment = (value: InstagramComment, fragment: Fragment, ctx: EntryContext): InboundItem => {
  const message: Message = {
    externalId: value.id,
    platform: 'instagram',
    kind: value.parent_id === undefined ? 'comment' : 'reply',
    accountId: ctx.entryId,
    author: { id: value.from.id, username: value.from.username },
    text: value.text,
    post: value.media === undefined ? undefined : { id: value.media.id },
    parentId: value.parent_id,
    threadId: value.parent_id ?? value.id,
    createdAt: entryDate(ctx),
    fromSelf: value.from.id === ctx.entryId,
  };
  return { type: 'message', dedupeKey: `instagram:comment:add:${value.id}`, message, raw: rawOf(fragment, ctx) };
};

const ENVELOPE_KEYS = new Set(['sender', 'recipient', 'timestamp']);

const mapMessaging = (item: MessagingEvent, platform: string, ctx: EntryContext): InboundItem => {
  if (item.kind === 'other') {
    const type = Object.keys(item.event).find((key) => !ENVELOPE_KEYS.has(key)) ?? 'unknown';
    return ignored(platform, `messaging event "${type}" is not handled`, item.event, ctx);
  }
  const { event } = item;
  if (event.message.is_echo === true) return ignored(platform, 'echo of a message the account sent', event, ctx);
  if (event.message.text === undefined) {
    return ignored(platform, 'message without text (attachments are not handled yet)', event, ctx);
  }
  const message: Message = {
    externalId: event.message.mid,
    platform,
    kind: 'dm',
    accountId: ctx.entryId,
    author: { id: event.sender.id },
    text: event.message.text,
    threadId: event.sender.id,
    createdAt: new Date(event.timestamp),
    fromSelf: event.sender.id === ctx.entryId,
  };
  return { type: 'message', dedupeKey: `${platform}:dm:${event.message.mid}`, message, raw: rawOf(event, ctx) };
};

const mapWhatsApp = (field: string, value: WhatsAppValue, ctx: EntryContext): InboundItem[] => {
  const { messages = [], statuses = [], contacts = [], ...rest } = value;
  const accountId = value.metadata.phone_number_id;
  const fromStatuses = statuses.map((status) => {
    const fragment = { field, value: { ...rest, statuses: [status] } };
    return (
      mapWhatsAppStatus(status, ctx.receivedAt, rawOf(fragment, ctx)) ??
      ignored('whatsapp', `delivery status "${status.status}"`, fragment, ctx)
    );
  });
  const fromMessages = messages.map((wa): InboundItem => {
    const contact = contacts.find((candidate) => candidate.wa_id === wa.from);
    const fragment = { field, value: { ...rest, contacts: contact ? [contact] : [], messages: [wa] } };
    if (wa.type !== 'text' || wa.text === undefined) {
      return ignored('whatsapp', `message of type "${wa.type}" is not handled yet`, fragment, ctx);
    }
    const message: Message = {
      externalId: wa.id,
      platform: 'whatsapp',
      kind: 'dm',
      accountId,
      author: { id: wa.from, name: contact?.profile?.name },
      text: wa.text.body,
      threadId: wa.from,
      createdAt: fromSeconds(wa.timestamp),
      fromSelf: false,
    };
    return { type: 'message', dedupeKey: `whatsapp:dm:${wa.id}`, message, raw: rawOf(fragment, ctx) };
  });
  return [...fromMessages, ...fromStatuses];
};

const CHANGE_PLATFORM: Record<MetaObject, string> = {
  page: 'facebook',
  instagram: 'instagram',
  whatsapp_business_account: 'whatsapp',
};
const MESSAGING_PLATFORM: Record<MetaObject, string> = {
  page: 'messenger',
  instagram: 'instagram',
  whatsapp_business_account: 'whatsapp',
};

type AnyChange = MetaBody['entry'][number]['changes'][number];
type AnyEntry = { id: string; time?: number | undefined; changes: AnyChange[]; messaging: MessagingEvent[] };

const entriesOf = (body: MetaBody): AnyEntry[] =>
  body.object === 'whatsapp_business_account' ? body.entry.map((entry) => ({ ...entry, messaging: [] })) : body.entry;

const mapChange = (change: AnyChange, ctx: EntryContext): InboundItem[] => {
  const fragment: Fragment = { field: change.field, value: change.value };
  switch (change.kind) {
    case 'feed_comment':
      return [mapFeedComment(change.value, fragment, ctx)];
    case 'instagram_comment':
      return [mapInstagramComment(change.value, fragment, ctx)];
    case 'whatsapp_messages':
      return mapWhatsApp(change.field, change.value, ctx);
    case 'other': {
      const platform = CHANGE_PLATFORM[ctx.object];
      const { item, verb } = (change.value ?? {}) as { item?: unknown; verb?: unknown };
      const what = change.field === 'feed' ? `feed item "${String(item)}" (verb "${String(verb)}")` : `field "${change.field}"`;
      return [ignored(platform, `${what} is not handled`, fragment, ctx)];
    }
  }
};

/** Every event in a parsed webhook body, in body order; one body may carry many entries and changes. */
export const mapMetaBody = (body: MetaBody, receivedAt: Date = new Date()): InboundItem[] =>
  entriesOf(body).flatMap((entry) => {
    const ctx: EntryContext = { object: body.object, entryId: entry.id, entryTime: entry.time, receivedAt };
    const platform = MESSAGING_PLATFORM[body.object];
    return [
      ...entry.changes.flatMap((change) => mapChange(change, ctx)),
      ...entry.messaging.map((event) => mapMessaging(event, platform, ctx)),
    ];
  });
