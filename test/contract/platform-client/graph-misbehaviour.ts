import { type FakeGraph, graphErrorBody } from '../../fakes/fake-graph.js';
import type { PlatformClientSubject } from './platform-client-subject.js';

const ANY_CALL = /.*/u;

/**
 * How a Graph-backed subject (Facebook and Instagram, WhatsApp) fails, holds and refuses: Graph's own
 * transient error, its 429 with the product's rate-limit error, a revoked token.
 */
export const graphMisbehaviour = (
  fake: FakeGraph,
  token: string,
  rateLimit: { code: number; message: string },
): Pick<PlatformClientSubject, 'failNext' | 'refuseForGood' | 'holdNextAnswer'> => ({
  failNext: {
    serverError: () =>
      fake.failNext(ANY_CALL, { status: 500, body: graphErrorBody(2, 'Service temporarily unavailable', { is_transient: true }) }),
    rateLimited: (seconds) =>
      fake.failNext(ANY_CALL, {
        status: 429,
        headers: { 'Retry-After': String(seconds) },
        body: graphErrorBody(rateLimit.code, rateLimit.message),
      }),
  },
  refuseForGood: async () => fake.revokeToken(token),
  holdNextAnswer: () => fake.holdNext(ANY_CALL),
});
