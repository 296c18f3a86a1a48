import type { PlatformActionRequest, PlatformActionResult } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import type { GraphClient } from './graph-client.js';
import {
  blockOnInstagram,
  deleteInstagramComment,
  findInstagramConversation,
  getInstagramComment,
  listInstagramReplies,
  replyToInstagramComment,
  sendInstagramMessage,
  sendInstagramPrivateReply,
  setInstagramCommentHidden,
} from './instagram-calls.js';
import { findSentMessage, found, goneAsDone, isOurs, textOf } from './read-back.js';

/** Instagram comments (reply, hide, delete, private reply), DMs and blocking, through the Page token. */
export const performOnInstagram = async (graph: GraphClient, request: PlatformActionRequest): Promise<PlatformActionResult> => {
  const { kind, accountId, target } = request;
  switch (kind) {
    case 'reply':
      return { externalId: (await replyToInstagramComment(graph, accountId, target, textOf(request))).id };
    case 'private_reply': {
      const sent = await sendInstagramPrivateReply(graph, accountId, target, textOf(request));
      return { externalId: sent.messageId, detail: { recipientId: sent.recipientId } };
    }
    case 'send_dm':
      return { externalId: (await sendInstagramMessage(graph, accountId, target, textOf(request))).messageId };
    case 'hide':
    case 'unhide':
      await setInstagramCommentHidden(graph, accountId, target, kind === 'hide');
      return { detail: { hidden: kind === 'hide' } };
    case 'delete':
      return (await goneAsDone(() => deleteInstagramComment(graph, accountId, target))) ?? { detail: { deleted: true } };
    case 'block':
      await blockOnInstagram(graph, accountId, target);
      return { detail: { blocked: target } };
    default:
      throw new PermanentPlatformError(`Switchboard cannot ${kind.replace('_', ' ')} on instagram`);
  }
};

const findOurReply = async (graph: GraphClient, request: PlatformActionRequest, since: Date) => {
  const text = textOf(request);
  const replies = await listInstagramReplies(graph, request.accountId, request.target);
  const written = replies.map((reply) => ({ id: reply.id, from: reply.from, message: reply.text, created_time: reply.timestamp }));
  const ours = written.find((reply) => isOurs(reply, request, text, since));
  return ours === undefined ? undefined : found(ours.id);
};

/** Looks on Instagram for an action that may have happened (the caller checks it can be read back). */
export const findCompletedOnInstagram = async (
  graph: GraphClient,
  request: PlatformActionRequest,
  since: Date,
): Promise<PlatformActionResult | undefined> => {
  const { kind, accountId, target } = request;
  switch (kind) {
    case 'reply':
      return findOurReply(graph, request, since);
    case 'hide':
    case 'unhide': {
      const comment = await getInstagramComment(graph, accountId, target);
      return comment.hidden === (kind === 'hide') ? found(undefined, { hidden: kind === 'hide' }) : undefined;
    }
    case 'delete':
      return goneAsDone(() => getInstagramComment(graph, accountId, target));
    case 'send_dm':
      return findSentMessage(graph, request, since, (account, user) => findInstagramConversation(graph, account, user));
    default:
      return undefined;
  }
};
