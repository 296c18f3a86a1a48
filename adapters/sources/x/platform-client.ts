import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest, PlatformActionResult, PlatformClient } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import { type XAccessLevel, X_CAPABILITIES, X_READ_BACK } from './access-level.js';
import { findBlock, findDm, findReply } from './read-back.js';
import { createdTweetSchema, sentDmSchema } from './schema-v2.js';
import type { XApi } from './x-api.js';

const textOf = (request: PlatformActionRequest): string => {
  if (request.text === undefined || request.text.trim() === '') throw new PermanentPlatformError(`A ${request.kind} on X needs a text`);
  return request.text;
};

/** On pay-per-use X refuses a reply to a post that did not summon the account: say why, in words a person can act on. */
const explainReplyRefusal = (error: unknown, level: XAccessLevel): unknown => {
  if (!(error instanceof PermanentPlatformError) || error.detail.status !== 403 || level !== 'pay-per-use') return error;
  return new PermanentPlatformError(
    `${error.message} — on pay-per-use access X allows replies only to posts that mention or quote the account; answer this one on X itself`,
    error.detail,
  );
};

const reply = async (api: XApi, request: PlatformActionRequest, level: XAccessLevel): Promise<PlatformActionResult> => {
  try {
    const answer = await api.call('POST', '/2/tweets', {
      body: { text: textOf(request), reply: { in_reply_to_tweet_id: request.target } },
      what: 'posting a reply',
    });
    return { externalId: createdTweetSchema.parse(answer.json).data.id };
  } catch (error) {
    throw explainReplyRefusal(error, level);
  }
};

const perform = async (api: XApi, request: PlatformActionRequest, level: XAccessLevel): Promise<PlatformActionResult> => {
  switch (request.kind) {
    case 'reply':
      return reply(api, request, level);
    case 'hide':
    case 'unhide':
      await api.call('PUT', `/2/tweets/${request.target}/hidden`, {
        body: { hidden: request.kind === 'hide' },
        what: `${request.kind} a reply`,
      });
      return { detail: { hidden: request.kind === 'hide' } };
    case 'send_dm': {
      const answer = await api.call('POST', `/2/dm_conversations/with/${request.target}/messages`, {
        body: { text: textOf(request) },
        what: 'sending a DM',
      });
      const sent = sentDmSchema.parse(answer.json).data;
      return { externalId: sent.dm_event_id, detail: { conversationId: sent.dm_conversation_id } };
    }
    case 'block':
      await api.call('POST', `/2/users/${request.accountId}/blocking`, {
        body: { target_user_id: request.target },
        what: 'blocking a user',
      });
      return { detail: { blocked: request.target } };
    default:
      throw new PermanentPlatformError(`Switchboard cannot ${request.kind.replace('_', ' ')} on X`);
  }
};

/**
 * X actions over API v2; what is offered follows the account's access level (X_ACCESS_LEVEL). Each
 * action goes out with the token of the account it acts for (`apiFor`: the mapped accounts'), else `api`'s.
 */
export const createXPlatformClient = (
  defaultApi: XApi,
  level: XAccessLevel,
  apiFor: (accountId: string) => XApi | undefined = () => undefined,
): PlatformClient => {
  const apiOf = (request: PlatformActionRequest): XApi => apiFor(request.accountId) ?? defaultApi;
  const supports = (platform: string, kind: PlatformAction) => platform === 'x' && X_CAPABILITIES[level].includes(kind);
  const readsBack = (platform: string, kind: PlatformAction) => supports(platform, kind) && X_READ_BACK.includes(kind);
  return {
    platforms: ['x'],
    supports,
    readsBack,
    perform: async (request) => {
      if (!supports(request.platform, request.kind)) {
        const why = request.kind === 'block' ? ' (blocking through the API needs Enterprise access)' : '';
        throw new PermanentPlatformError(`Switchboard cannot ${request.kind.replace('_', ' ')} on X${why}`);
      }
      return perform(apiOf(request), request, level);
    },
    findCompleted: async (request, since) => {
      if (!readsBack(request.platform, request.kind)) return undefined;
      const api = apiOf(request);
      if (request.kind === 'reply') return findReply(api, request, since);
      if (request.kind === 'send_dm') return findDm(api, request, since);
      return findBlock(api, request);
    },
  };
};
