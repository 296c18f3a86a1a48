import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest, PlatformActionResult, PlatformClient } from '../../../src/domain/source.js';
import { PermanentPlatformError } from '../../../src/errors.js';
import { callbackBody, type CallbackOptions, postCallback } from './callback.js';

/** The contract's callback actions; a private reply has no generic meaning, so it is not offered. */
export const GENERIC_ACTIONS: readonly PlatformAction[] = ['reply', 'hide', 'unhide', 'delete', 'block', 'send_dm'];

export interface GenericClientOptions extends CallbackOptions {
  /** Platforms whose messages came through the generic webhook (any name without a built-in adapter). */
  handles: (platform: string) => boolean;
  /** Named for listings and the contract suite; `handles` decides. */
  platforms: readonly string[];
}

const resultOf = (id: string | undefined): PlatformActionResult => (id === undefined ? {} : { externalId: id });

/**
 * Actions on generic-source messages go to GENERIC_CALLBACK_URL. Every action is offered (the
 * receiver refuses, in words, what its platform cannot do), and every one can be read back: the
 * receiver keeps the keys it has done, so a lookup by key tells, and a repeat of the same key is
 * answered with the first result instead of a second effect.
 */
export const createGenericPlatformClient = (options: GenericClientOptions): PlatformClient => {
  const supports = (platform: string, kind: PlatformAction) => options.handles(platform) && GENERIC_ACTIONS.includes(kind);
  const refuseUnsupported = (request: PlatformActionRequest) => {
    if (!supports(request.platform, request.kind)) {
      throw new PermanentPlatformError(`Switchboard cannot ${request.kind.replace('_', ' ')} on ${request.platform}`);
    }
  };
  return {
    platforms: options.platforms,
    supports,
    readsBack: supports,
    perform: async (request) => {
      refuseUnsupported(request);
      const answer = await postCallback(options, request, callbackBody(request, false));
      return answer.status === 'done' ? resultOf(answer.id) : {};
    },
    findCompleted: async (request) => {
      if (!supports(request.platform, request.kind)) return undefined;
      const answer = await postCallback(options, request, callbackBody(request, true));
      return answer.status === 'done' ? { ...resultOf(answer.id), detail: { foundOnPlatform: true } } : undefined;
    },
  };
};
