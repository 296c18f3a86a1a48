import { createXPlatformClient } from '../../../adapters/sources/x/platform-client.js';
import { XApi } from '../../../adapters/sources/x/x-api.js';
import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest } from '../../../src/domain/source.js';
import { FakeX, type XAccessLevel, xProblem } from '../../fakes/fake-x.js';
import { X_ACCOUNT, X_TOKEN } from '../../fixtures/x.js';
import type { PlatformClientSubject, PlatformEffect } from './platform-client-subject.js';

const WITH_TEXT: readonly PlatformAction[] = ['reply', 'send_dm'];
const ANY_CALL = /.*/u;
const ACTION_CALLS: Record<string, RegExp> = {
  reply: /^POST \/2\/tweets$/u,
  hide: /^PUT /u,
  unhide: /^PUT /u,
  send_dm: /^POST \/2\/dm_conversations/u,
  block: /^POST \/2\/users\/\d+\/blocking$/u,
};

const effectsOn = (fake: FakeX, request: PlatformActionRequest): PlatformEffect[] => {
  switch (request.kind) {
    case 'reply':
      return fake
        .repliesTo(request.target)
        .filter((tweet) => tweet.author_id === request.accountId && tweet.text === request.text)
        .map((tweet) => ({ externalId: tweet.id }));
    case 'hide':
    case 'unhide':
      return fake.tweets.get(request.target)?.hidden === (request.kind === 'hide') ? [{}] : [];
    case 'send_dm':
      return fake
        .dmsWith(request.target)
        .filter((event) => event.sender_id === request.accountId && event.text === request.text)
        .map((event) => ({ externalId: event.id }));
    case 'block':
      return fake.blocks.filter((block) => block.sourceId === request.accountId && block.targetId === request.target).map(() => ({}));
    default:
      return [];
  }
};

/** X's client at one access level, against the fake X API; both share a clock stopped at a whole second. */
export const createXSubject = (accessLevel: XAccessLevel) => async (): Promise<PlatformClientSubject> => {
  const stopped = new Date(Math.floor(Date.now() / 1000) * 1000);
  const now = () => stopped;
  const fake = new FakeX({ account: X_ACCOUNT, token: X_TOKEN, accessLevel, now });
  const { url } = await fake.start();
  const clientWaiting = (timeoutMs: number) =>
    createXPlatformClient(new XApi({ apiUrl: url, accessToken: X_TOKEN, timeoutMs, now }), accessLevel);
  // Node loads its fetch on first use: not within the impatient client's timeout.
  await fetch(`${url}/2/users/me`).then((response) => response.text());
  let sequence = 0;
  let pendingHold: RegExp = ANY_CALL;

  const prepare = async (platform: string, kind: PlatformAction): Promise<PlatformActionRequest> => {
    sequence += 1;
    pendingHold = ACTION_CALLS[kind] ?? ANY_CALL;
    const person = fake.addUser({ id: `99000000000000${sequence}`, name: `Dana ${sequence}`, username: `dana${sequence}` });
    const request = {
      platform,
      kind,
      accountId: X_ACCOUNT.id,
      ...(WITH_TEXT.includes(kind) ? { text: `We are on it (${sequence})` } : {}),
    };
    if (kind === 'send_dm' || kind === 'block') return { ...request, target: person.id };
    // A reply from the person under the account's own post, mentioning it: answerable and hideable on any access.
    const root = fake.addTweet({ text: 'Our winter range is out', author_id: X_ACCOUNT.id });
    const mention = fake.addTweet({
      text: `@${X_ACCOUNT.username} I want a refund`,
      author_id: person.id,
      conversation_id: root.id,
      referenced_tweets: [{ type: 'replied_to', id: root.id }],
      mentions: [X_ACCOUNT.id],
      hidden: kind === 'unhide',
    });
    return { ...request, target: mention.id };
  };

  return {
    client: clientWaiting(5_000),
    impatientClient: clientWaiting(1_000),
    prepare,
    effects: async (request) => effectsOn(fake, request),
    readsBack: (_platform, kind) => ['reply', 'send_dm', 'block'].includes(kind),
    callCount: () => fake.calls.length,
    failNext: {
      serverError: () => fake.failNext(ANY_CALL, { status: 503, body: xProblem(503, 'Service Unavailable', 'Service Unavailable') }),
      rateLimited: (seconds) =>
        fake.failNext(ANY_CALL, {
          status: 429,
          body: xProblem(429, 'Too Many Requests', 'Too Many Requests'),
          headers: {
            'x-rate-limit-limit': '100',
            'x-rate-limit-remaining': '0',
            'x-rate-limit-reset': String(stopped.getTime() / 1000 + seconds),
          },
        }),
    },
    refuseForGood: async () => fake.revokeToken(X_TOKEN),
    holdNextAnswer: () => fake.holdNext(pendingHold),
    close: () => fake.close(),
  };
};
