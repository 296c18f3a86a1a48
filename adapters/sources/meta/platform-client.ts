import type { PlatformActionRequest, PlatformActionResult, PlatformClient } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import { META_ACTION_PLATFORMS, supportsMetaAction } from './capabilities.js';
import type { GraphClient } from './graph-client.js';
import { findCompletedOnInstagram, performOnInstagram } from './instagram-actions.js';
import { findCompletedOnMeta, goneAsDone, metaReadsBack, textOf } from './read-back.js';

/** Facebook Page, Messenger and Instagram actions over the Graph API. */
export const createMetaPlatformClient = (graph: GraphClient): PlatformClient => {
  const perform = async (request: PlatformActionRequest): Promise<PlatformActionResult> => {
    const { kind, platform, accountId, target } = request;
    if (!supportsMetaAction(platform, kind)) {
      throw new PermanentPlatformError(`Switchboard cannot ${kind.replace('_', ' ')} on ${platform}`);
    }
    if (platform === 'instagram') return performOnInstagram(graph, request);
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
      default:
        throw new PermanentPlatformError(`Switchboard cannot ${kind.replace('_', ' ')} on ${platform}`);
    }
  };

  return {
    platforms: META_ACTION_PLATFORMS,
    supports: supportsMetaAction,
    readsBack: metaReadsBack,
    perform,
    findCompleted: async (request, since) => {
      if (!metaReadsBack(request.platform, request.kind)) return undefined;
      if (request.platform === 'instagram') return findCompletedOnInstagram(graph, request, since);
      return findCompletedOnMeta(graph, request, since);
    },
  };
};
