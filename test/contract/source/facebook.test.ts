import { FakeGraph } from '../../fakes/fake-graph.js';
import { commentAdded, PAGE_ID, POST_ID } from '../../fixtures/meta.js';
import { APP_SECRET, PAGE_TOKEN, postMeta, VERIFY_TOKEN } from '../../support/app-harness.js';
import { runSourceCoreLoop } from './source-core-loop.js';
import type { InboundMessage, SourceSubject } from './source-subject.js';

/** Facebook Page comments: Meta's signed webhook in, the Graph API (fake) out. */
const makeFacebook = async (): Promise<SourceSubject> => {
  const graph = new FakeGraph({ tokens: { [PAGE_TOKEN]: { id: PAGE_ID, name: 'Acme Shoes' } } });
  const graphUrl = (await graph.start()).url;
  const commentId = (message: InboundMessage) => `${POST_ID.split('_')[1]}_${message.id.replace(/\D/gu, '').slice(-15)}`;
  const body = (message: InboundMessage) =>
    commentAdded({ commentId: commentId(message), message: message.text, from: { id: message.authorId, name: message.authorName } });
  const deliver = async (appUrl: string, message: InboundMessage) => {
    if (!graph.comments.has(commentId(message))) {
      graph.addComment({
        id: commentId(message),
        from: { id: message.authorId, name: message.authorName },
        message: message.text,
        postId: POST_ID,
      });
    }
    const answer = await postMeta(appUrl, body(message));
    if (answer.status !== 200) throw new Error(`Meta delivery answered ${answer.status}`);
  };
  return {
    platform: 'facebook',
    env: { META_APP_SECRET: APP_SECRET, META_VERIFY_TOKEN: VERIFY_TOKEN, META_PAGE_ACCESS_TOKEN: PAGE_TOKEN, META_GRAPH_URL: graphUrl },
    deliver,
    redeliver: deliver,
    forge: async (appUrl, message) => (await postMeta(appUrl, body(message), { secret: 'not-the-app-secret' })).status,
    replies: async (message) => graph.repliesTo(commentId(message)).map((reply) => reply.message),
    isHidden: async (message) => graph.comments.get(commentId(message))?.isHidden ?? false,
    close: () => graph.close(),
  };
};

runSourceCoreLoop('Facebook comments', makeFacebook);
