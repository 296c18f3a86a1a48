import type { PlatformClient } from '../../../src/domain/source.js';

/** Every channel's actions through that channel's own client (its token, its channel id); an unknown channel: the first's. */
export const routeByChannel = (clients: ReadonlyMap<string, PlatformClient>, fallback: PlatformClient): PlatformClient => {
  const clientOf = (accountId: string) => clients.get(accountId) ?? fallback;
  return {
    platforms: fallback.platforms,
    supports: fallback.supports,
    readsBack: fallback.readsBack,
    perform: (request) => clientOf(request.accountId).perform(request),
    findCompleted: (request, since) => clientOf(request.accountId).findCompleted(request, since),
  };
};
