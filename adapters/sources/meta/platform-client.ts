import type { PlatformActionRequest, PlatformActionResult, PlatformClient } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import { META_ACTION_PLATFORMS, supportsMetaAction } from './capabilities.js';
import type { GraphClient, GraphComment } from './graph-client.js';
import { GraphObjectGoneError } from './graph-errors.js';

/** Clocks on our side and Facebook's disagree a little; a reply stamped slightly early is still ours. */
const CLOCK_SKEW_MS = 60_000;
const ALREADY_GONE: PlatformActionResult = { detail: { deleted: true, alreadyGone: true } };

const normalized = (text: string): string => text.replace(/\r\n/gu, '\n').trim();
const sameText = (a: string, b: string): boolean => normalized(a) === normalized(b);

const textOf = (request: PlatformActionRequest): string => {
  if (request.text === undefined || request.text.trim() === '') {
    throw new PermanentPlatformError(`A ${request.kind} on ${request.platform} needs a text to send`);
  }
  return request.text;
};

const isOurReply = (reply: GraphComment, request: PlatformActionRequest, text: string, since: Date): boolean => {
  if (reply.from?.id !== request.accountId || !sameText(reply.message ?? '', text)) return false;
  // Without a timestamp we cannot tell an older identical reply apart; sending twice is the worse mistake.
  if (reply.created_time === undefined) return true;
  return Date.parse(reply.created_time) >= since.getTime() - CLOCK_SKEW_MS;
};

const goneAsDone = async (attempt: () => Promise<unknown>): Promise<PlatformActionResult | undefined> => {
  try {
    await attempt();
    return undefined;
  } catch (error) {
    if (error instanceof GraphObjectGoneError) return ALREADY_GONE;
    throw error;
  }
};

/** Facebook Page and Messenger actions over the Graph API. */
export const createMetaPlatformClient = (graph: GraphClient): PlatformClient => {
  const perform = async (request: PlatformActionRequest): Promise<PlatformActionResult> => {
    const { kind, platform, accountId, target } = request;
    if (!supportsMetaAction(platform, kind)) {
      throw new PermanentPlatformError(`Switchboard cannot ${kind.replace('_', ' ')} on ${platform}`);
    }
    switch (kind) {
      case 'reply': {
        const reply = await graph.replyToComment(accountId, target, textOf(request));
        return { externalId: reply.id };
      }
      case 'private_reply': {
        const sent = await graph.sendPrivateReply(accountId, target, textOf(request));
        return { externalId: sent.messageId, detail: { recipientId: sent.recipientId } };
      }
      case 'send_dm': {
        const sent = await graph.sendMessage(accountId, target, textOf(request));
        return { externalId: sent.messageId };
      }
      case 'hide':
      case 'unhide':
        await graph.setCommentHidden(accountId, target, kind === 'hide');
        return { detail: { hidden: kind === 'hide' } };
      case 'delete':
        return (await goneAsDone(() => graph.deleteComment(accountId, target))) ?? { detail: { deleted: true } };
      case 'block':
        await graph.blockUser(accountId, target);
        return { detail: { blocked: target } };
    }
  };

  const findCompleted = async (request: PlatformActionRequest, since: Date): Promise<PlatformActionResult | undefined> => {
    const { kind, accountId, target } = request;
    if (!supportsMetaAction(request.platform, kind)) return undefined;
    switch (kind) {
      case 'reply': {
        const text = textOf(request);
        const replies = await graph.listReplies(accountId, target);
        const ours = replies.find((reply) => isOurReply(reply, request, text, since));
        return ours === undefined ? undefined : { externalId: ours.id, detail: { foundOnPlatform: true } };
      }
      case 'hide':
      case 'unhide': {
        const comment = await graph.getComment(accountId, target);
        const wanted = kind === 'hide';
        return comment.is_hidden === wanted ? { detail: { hidden: wanted, foundOnPlatform: true } } : undefined;
      }
      case 'delete':
        return goneAsDone(() => graph.getComment(accountId, target));
      default:
        // Blocking again is harmless; sent messages cannot be looked up, so the caller decides.
        return undefined;
    }
  };

  return { platforms: META_ACTION_PLATFORMS, supports: supportsMetaAction, perform, findCompleted };
};
