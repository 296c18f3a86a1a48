import { createGenericPlatformClient } from '../../../adapters/sources/generic/platform-client.js';
import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest, PlatformClient } from '../../../src/domain/source.js';
import { FakeGenericCallback } from '../../fakes/fake-generic-callback.js';
import { GENERIC_SECRET } from '../../fixtures/generic.js';
import type { PlatformClientSubject } from './platform-client-subject.js';

const PLATFORMS = ['tiktok', 'linkedin'];
const WITH_TEXT: readonly PlatformAction[] = ['reply', 'send_dm'];
const PERSON_ACTIONS: readonly PlatformAction[] = ['send_dm', 'block'];

/** The generic client as the platform-client contract sees it, against a fake callback receiver on loopback. */
export const createGenericSubject = async (): Promise<PlatformClientSubject> => {
  const fake = new FakeGenericCallback(GENERIC_SECRET);
  const { url } = await fake.start();
  const clientWaiting = (timeoutMs: number): PlatformClient =>
    createGenericPlatformClient({
      callbackUrl: url,
      secret: GENERIC_SECRET,
      timeoutMs,
      platforms: PLATFORMS,
      handles: (platform) => PLATFORMS.includes(platform),
    });
  // Node loads its fetch on first use: not within the impatient client's timeout.
  await fetch(url).then((response) => response.text());
  let sequence = 0;

  const prepare = async (platform: string, kind: PlatformAction): Promise<PlatformActionRequest> => {
    sequence += 1;
    return {
      platform,
      kind,
      accountId: 'brand-account-1',
      target: PERSON_ACTIONS.includes(kind) ? `person-${sequence}` : `comment-${sequence}`,
      idempotencyKey: `action-key-${sequence}`,
      ...(WITH_TEXT.includes(kind) ? { text: `We are on it (${sequence})` } : {}),
    };
  };

  return {
    client: clientWaiting(5_000),
    impatientClient: clientWaiting(1_000),
    prepare,
    effects: async (request) =>
      fake
        .effectsOn(request.target, request.kind)
        .filter((effect) => effect.body.platform === request.platform && effect.body.text === request.text)
        .map((effect) => ({ externalId: effect.id })),
    readsBack: () => true,
    callCount: () => fake.calls.length,
    failNext: {
      serverError: () => fake.failNext({ status: 502, body: { ok: false, error: 'upstream TikTok API failed' } }),
      rateLimited: (seconds) =>
        fake.failNext({ status: 429, body: { ok: false, error: 'slow down' }, headers: { 'Retry-After': String(seconds) } }),
    },
    refuseForGood: async (request) => fake.refuse(request.target, 'TikTok does not allow this on a comment from a private account'),
    holdNextAnswer: () => fake.holdNext(),
    close: () => fake.close(),
  };
};
