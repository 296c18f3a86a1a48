import type { Message } from '../../../src/domain/message.js';
import type { InboundItem } from '../../../src/domain/source.js';
import type { YouTubeComment } from './schema.js';

export const YOUTUBE = 'youtube';

/** A reply's id is its top-level comment's id, a dot, and its own part: replies are made to the top-level one. */
export const topLevelIdOf = (commentId: string): string => commentId.split('.')[0] ?? commentId;

export const toMessage = (comment: YouTubeComment, channelId: string): Message => {
  const { snippet } = comment;
  const authorId = snippet.authorChannelId?.value ?? 'unknown';
  const videoId = snippet.videoId;
  return {
    externalId: comment.id,
    platform: YOUTUBE,
    kind: snippet.parentId === undefined ? 'comment' : 'reply',
    accountId: channelId,
    author: { id: authorId, ...(snippet.authorDisplayName === undefined ? {} : { name: snippet.authorDisplayName }) },
    text: snippet.textOriginal ?? snippet.textDisplay ?? '',
    ...(videoId === undefined ? {} : { post: { id: videoId, url: `https://www.youtube.com/watch?v=${videoId}&lc=${comment.id}` } }),
    ...(snippet.parentId === undefined ? {} : { parentId: snippet.parentId }),
    threadId: snippet.parentId ?? comment.id,
    createdAt: new Date(snippet.publishedAt),
    fromSelf: authorId === channelId,
  };
};

export const wasEdited = (comment: YouTubeComment): boolean =>
  comment.snippet.updatedAt !== undefined && Date.parse(comment.snippet.updatedAt) > Date.parse(comment.snippet.publishedAt);

/** A comment seen for the first time; its id keys it, so finding it again stores nothing. */
export const newCommentItem = (comment: YouTubeComment, channelId: string): InboundItem => ({
  type: 'message',
  dedupeKey: `youtube:comment:${comment.id}`,
  message: toMessage(comment, channelId),
  raw: comment,
});

/** An edit is keyed by its `updatedAt`: the same edit seen on later polls is one event, a second edit another. */
export const editItem = (comment: YouTubeComment, channelId: string): InboundItem => ({
  type: 'edit',
  dedupeKey: `youtube:edit:${comment.id}:${comment.snippet.updatedAt ?? comment.snippet.publishedAt}`,
  message: toMessage(comment, channelId),
  raw: comment,
});
