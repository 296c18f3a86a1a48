import { GraphClient } from '../../../adapters/sources/meta/graph-client.js';
import { createMetaPlatformClient } from '../../../adapters/sources/meta/platform-client.js';
import type { PlatformAction } from '../../../src/domain/action.js';
import type { PlatformActionRequest, PlatformClient } from '../../../src/domain/source.js';
import { FakeGraph } from '../../fakes/fake-graph.js';
import { graphMisbehaviour } from './graph-misbehaviour.js';
import { IG_ACCOUNT_ID, PAGE_ID, POST_ID } from '../../fixtures/meta.js';
import type { PlatformClientSubject, PlatformEffect } from './platform-client-subject.js';

export const PAGE = { id: PAGE_ID, name: 'Acme Outdoor', instagramId: IG_ACCOUNT_ID };
export const AUTHOR = { id: '6100000000000042', name: 'Dana Whitfield' };
const TOKEN = 'EAAG-page-token';
// Generous for calls that should succeed (the test machine is shared and busy); short for the one that waits it out.
const TIMEOUT_MS = 5_000;
const IMPATIENT_TIMEOUT_MS = 1_000;
const WITH_TEXT: readonly PlatformAction[] = ['reply', 'private_reply', 'send_dm'];
// What Graph lets the client look up: never a private reply; on Instagram, not a block either (no read side).
const READ_BACK: Readonly<Record<string, readonly PlatformAction[]>> = {
  facebook: ['reply', 'hide', 'unhide', 'delete', 'block'],
  messenger: ['send_dm'],
  instagram: ['reply', 'hide', 'unhide', 'delete', 'send_dm'],
};

export interface MetaGraph {
  fake: FakeGraph;
  client: PlatformClient;
  impatientClient: PlatformClient;
  token: string;
  close: () => Promise<void>;
}

/** A fake Graph API on loopback, and the Meta client pointed at it. */
export const startMetaGraph = async (): Promise<MetaGraph> => {
  const fake = new FakeGraph({ tokens: { [TOKEN]: PAGE } });
  const { url } = await fake.start();
  // Node loads its fetch on first use: not within the impatient client's timeout.
  await fetch(`${url}/me?access_token=${TOKEN}`).then((response) => response.text());
  const clientWaiting = (timeoutMs: number) =>
    createMetaPlatformClient(new GraphClient({ graphUrl: url, tokenFor: () => TOKEN, timeoutMs }));
  return {
    fake,
    client: clientWaiting(TIMEOUT_MS),
    impatientClient: clientWaiting(IMPATIENT_TIMEOUT_MS),
    token: TOKEN,
    close: () => fake.close(),
  };
};

const effectsOn = (fake: FakeGraph, request: PlatformActionRequest): PlatformEffect[] => {
  const { kind, accountId, target, text } = request;
  const comment = fake.comments.get(target);
  switch (kind) {
    case 'reply':
      return fake
        .repliesTo(target)
        .filter((reply) => reply.from.id === accountId && reply.message === text)
        .map((reply) => ({ externalId: reply.id }));
    case 'private_reply':
    case 'send_dm': {
      const to = kind === 'send_dm' ? 'id' : 'comment_id';
      return fake.messages
        .filter((message) => message.fromId === accountId && message.recipient[to] === target && message.text === text)
        .map((message) => ({ externalId: message.id }));
    }
    case 'hide':
    case 'unhide':
      return comment?.isHidden === (kind === 'hide') ? [{}] : [];
    case 'delete':
      return comment?.deleted ? [{}] : [];
    case 'block':
      return fake.blocked.filter((block) => block.pageId === accountId && block.userId === target).map(() => ({}));
    case 'send_template':
      return [];
  }
};

/** Only these platforms of the Meta client: each has its own contract run (meta.test.ts, instagram.test.ts). */
const narrowed = (client: PlatformClient, platforms: readonly string[]): PlatformClient => ({
  ...client,
  platforms: client.platforms.filter((platform) => platforms.includes(platform)),
});

/** The Meta client as the platform-client contract sees it, for some of its platforms. */
export const createMetaSubject = async (platforms: readonly string[]): Promise<PlatformClientSubject> => {
  const { fake, client, impatientClient, token, close } = await startMetaGraph();
  let sequence = 0;

  const prepare = async (platform: string, kind: PlatformAction): Promise<PlatformActionRequest> => {
    sequence += 1;
    const instagram = platform === 'instagram';
    const accountId = instagram ? IG_ACCOUNT_ID : PAGE_ID;
    const request = { platform, kind, accountId, ...(WITH_TEXT.includes(kind) ? { text: `We are on it (${sequence})` } : {}) };
    const person = `${kind === 'block' ? '61' : '73'}0000000000${sequence}`;
    // Instagram answers and blocks only in a conversation the person started.
    if (instagram && (kind === 'send_dm' || kind === 'block')) fake.addConversation(PAGE_ID, person);
    if (kind === 'send_dm' || kind === 'block') return { ...request, target: person };
    const comment = fake.addComment({
      id: instagram ? `1786000000000${sequence}` : `220000000000001_${sequence}`,
      from: AUTHOR,
      message: 'I want a refund',
      postId: POST_ID,
      isHidden: kind === 'unhide',
      instagram,
    });
    return { ...request, target: comment.id };
  };

  return {
    client: narrowed(client, platforms),
    impatientClient: narrowed(impatientClient, platforms),
    prepare,
    effects: async (request) => effectsOn(fake, request),
    readsBack: (platform, kind) => READ_BACK[platform]?.includes(kind) ?? false,
    callCount: () => fake.calls.length,
    ...graphMisbehaviour(fake, token, { code: 4, message: '(#4) Application request limit reached' }),
    close,
  };
};
