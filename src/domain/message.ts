export const MESSAGE_KINDS = ['comment', 'reply', 'dm'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Platforms with a built-in adapter; the generic source may carry any other name. */
export type KnownPlatform = 'facebook' | 'instagram' | 'messenger' | 'whatsapp' | 'youtube' | 'x';

export interface Author {
  id: string;
  name?: string;
  username?: string;
}

export interface PostRef {
  id: string;
  url?: string;
}

/** A comment or DM as every part of Switchboard sees it, whatever platform it came from. */
export interface Message {
  /** The platform's id for this message (comment id, mid, wamid…), unique per platform. */
  externalId: string;
  platform: string;
  kind: MessageKind;
  /** The brand account that received it (page id, IG account id, phone number id…). */
  accountId: string;
  author: Author;
  text: string;
  post?: PostRef;
  /** The comment this one answers, when it is a reply. */
  parentId?: string;
  /** Groups a DM thread or a comment thread. */
  threadId?: string;
  createdAt: Date;
  /** Written by the brand account itself: recorded, never acted on. */
  fromSelf: boolean;
}

export const firstName = (author: Author): string | undefined => {
  const first = author.name?.trim().split(/\s+/u)[0];
  return first && first.length > 0 ? first : undefined;
};
