import { FakeGraph } from '../../fakes/fake-graph.js';
import { IG_ACCOUNT_ID, instagramComment, PAGE_ID } from '../../fixtures/meta.js';
import { APP_SECRET, PAGE_TOKEN, postMeta, VERIFY_TOKEN } from '../../support/app-harness.js';
import { runSourceCoreLoop } from './source-core-loop.js';
import type { InboundMessage, SourceSubject } from './source-subject.js';

const MEDIA_ID = '17900000000000001';

/** Instagram comments: Meta's signed webhook (`object: instagram`) in, the Instagram Graph calls (fake) out. */
const makeInstagram = async (): Promise<SourceSubject> => {
  const graph = new FakeGraph({ tokens: { [PAGE_TOKEN]: { id: PAGE_ID, name: 'Acme Shoes', instagramId: IG_ACCOUNT_ID } } });
  const graphUrl = (await graph.start()).url;
  const commentId = (message: InboundMessage) => `1786${message.id.replace(/\D/gu, '').slice(-13)}`;
  const body = (message: InboundMessage) =>
    instagramComment({
      id: commentId(message),
      text: message.text,
      fromId: message.authorId,
      username: message.authorName,
      mediaId: MEDIA_ID,
    });
  const deliver = async (appUrl: string, message: InboundMessage) => {
    if (!graph.comments.has(commentId(message))) {
      const from = { id: message.authorId, name: message.authorName };
      graph.addComment({ id: commentId(message), from, message: message.text, postId: MEDIA_ID, instagram: true });
    }
    const answer = await postMeta(appUrl, body(message));
    if (answer.status !== 200) throw new Error(`Meta delivery answered ${answer.status}`);
  };
  return {
    platform: 'instagram',
    env: { META_APP_SECRET: APP_SECRET, META_VERIFY_TOKEN: VERIFY_TOKEN, META_PAGE_ACCESS_TOKEN: PAGE_TOKEN, META_GRAPH_URL: graphUrl },
    deliver,
    redeliver: deliver,
    forge: async (appUrl, message) => (await postMeta(appUrl, body(message), { secret: 'not-the-app-secret' })).status,
    replies: async (message) => graph.repliesTo(commentId(message)).map((reply) => reply.message),
    isHidden: async (message) => graph.comments.get(commentId(message))?.isHidden ?? false,
    close: () => graph.close(),
  };
};

runSourceCoreLoop('Instagram comments', makeInstagram);
