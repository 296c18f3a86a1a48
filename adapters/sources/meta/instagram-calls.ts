import { z } from 'zod';
import type { GraphClient, Param, SentMessage } from './graph-client.js';

/*
 * The Instagram Graph calls, made with the Page token under Facebook Login: comment moderation on the
 * IG comment's own node (`/replies`, `hide`), messages and blocking through the linked Page (`/me`).
 */

const INSTAGRAM = 'Instagram';

const created = z.looseObject({ id: z.string() });
const success = z.looseObject({ success: z.union([z.boolean(), z.string()]) });
const sent = z.looseObject({ message_id: z.string(), recipient_id: z.string().optional() });
const instagramReply = z.looseObject({
  id: z.string(),
  text: z.string().optional(),
  timestamp: z.string().optional(),
  from: z.looseObject({ id: z.string(), username: z.string().optional() }).optional(),
});
export type InstagramReply = z.output<typeof instagramReply>;
const replyList = z.looseObject({ data: z.array(instagramReply) });
const instagramComment = z.looseObject({ id: z.string(), hidden: z.boolean().optional() });
const conversationList = z.looseObject({ data: z.array(z.looseObject({ id: z.string() })) });

const onComment = (graph: GraphClient, accountId: string, commentId: string) => ({
  token: graph.token(accountId),
  subject: `comment ${commentId}`,
  platformName: INSTAGRAM,
});

export const replyToInstagramComment = async (graph: GraphClient, accountId: string, commentId: string, message: string) =>
  graph.call({
    method: 'POST',
    path: [commentId, 'replies'],
    params: { message },
    schema: created,
    ...onComment(graph, accountId, commentId),
  });

export const setInstagramCommentHidden = async (graph: GraphClient, accountId: string, commentId: string, hidden: boolean) =>
  graph.call({ method: 'POST', path: [commentId], params: { hide: hidden }, schema: success, ...onComment(graph, accountId, commentId) });

export const deleteInstagramComment = async (graph: GraphClient, accountId: string, commentId: string) =>
  graph.call({ method: 'DELETE', path: [commentId], schema: success, ...onComment(graph, accountId, commentId) });

/** The comment's replies, with who wrote them: enough to see whether our own reply already landed. */
export const listInstagramReplies = async (graph: GraphClient, accountId: string, commentId: string): Promise<InstagramReply[]> => {
  const fields = 'id,text,timestamp,from,username';
  const list = await graph.call({
    method: 'GET',
    path: [commentId, 'replies'],
    params: { fields },
    schema: replyList,
    ...onComment(graph, accountId, commentId),
  });
  return list.data;
};

export const getInstagramComment = async (graph: GraphClient, accountId: string, commentId: string) =>
  graph.call({
    method: 'GET',
    path: [commentId],
    params: { fields: 'id,hidden' },
    schema: instagramComment,
    ...onComment(graph, accountId, commentId),
  });

const sendThroughPage = async (graph: GraphClient, accountId: string, params: Record<string, Param>): Promise<SentMessage> => {
  const answer = await graph.call({
    method: 'POST',
    path: ['me', 'messages'],
    token: graph.token(accountId),
    params,
    subject: `Instagram account ${accountId}`,
    schema: sent,
    platformName: INSTAGRAM,
  });
  return { messageId: answer.message_id, recipientId: answer.recipient_id };
};

/** A DM to a person by their Instagram-scoped id (IGSID). */
export const sendInstagramMessage = (graph: GraphClient, accountId: string, recipientId: string, text: string) =>
  sendThroughPage(graph, accountId, { recipient: { id: recipientId }, message: { text } });

/** Instagram allows one private reply per comment, within 7 days of it. */
export const sendInstagramPrivateReply = (graph: GraphClient, accountId: string, commentId: string, text: string) =>
  sendThroughPage(graph, accountId, { recipient: { comment_id: commentId }, message: { text } });

/** The account's Instagram conversation with a person, if there is one. */
export const findInstagramConversation = async (graph: GraphClient, accountId: string, userId: string): Promise<string | undefined> => {
  const list = await graph.call({
    method: 'GET',
    path: ['me', 'conversations'],
    token: graph.token(accountId),
    params: { platform: 'instagram', user_id: userId },
    subject: `Instagram account ${accountId}`,
    schema: conversationList,
    platformName: INSTAGRAM,
  });
  return list.data[0]?.id;
};

/** Moderate Conversations API: blocks a person the account already has a conversation with. */
export const blockOnInstagram = async (graph: GraphClient, accountId: string, userId: string) =>
  graph.call({
    method: 'POST',
    path: ['me', 'moderate_conversations'],
    token: graph.token(accountId),
    params: { user_ids: [{ id: userId }], actions: ['block_user'] },
    subject: `Instagram conversation with ${userId}`,
    schema: success,
    platformName: INSTAGRAM,
  });
