import type { FakeGraph } from '../../fakes/fake-graph.js';
import { APP_SECRET, PAGE_TOKEN, postMeta, VERIFY_TOKEN } from '../../support/app-harness.js';
import type { InboundMessage, SourceSubject } from './source-subject.js';

/** How one Meta comment platform names a comment, writes its webhook and seeds it on the fake Graph. */
export interface MetaCommentPlatform {
  platform: string;
  graph: FakeGraph;
  commentId: (message: InboundMessage) => string;
  webhook: (message: InboundMessage) => unknown;
  seed: (message: InboundMessage) => void;
}

/** Comments on a Meta platform (Facebook, Instagram): Meta's signed webhook in, the Graph API (fake) out. */
export const metaCommentSubject = async ({ platform, graph, commentId, webhook, seed }: MetaCommentPlatform): Promise<SourceSubject> => {
  const graphUrl = (await graph.start()).url;
  const deliver = async (appUrl: string, message: InboundMessage) => {
    if (!graph.comments.has(commentId(message))) seed(message);
    const answer = await postMeta(appUrl, webhook(message));
    if (answer.status !== 200) throw new Error(`Meta delivery answered ${answer.status}`);
  };
  return {
    platform,
    env: { META_APP_SECRET: APP_SECRET, META_VERIFY_TOKEN: VERIFY_TOKEN, META_PAGE_ACCESS_TOKEN: PAGE_TOKEN, META_GRAPH_URL: graphUrl },
    deliver,
    redeliver: deliver,
    forge: async (appUrl, message) => (await postMeta(appUrl, webhook(message), { secret: 'not-the-app-secret' })).status,
    replies: async (message) => graph.repliesTo(commentId(message)).map((reply) => reply.message),
    isHidden: async (message) => graph.comments.get(commentId(message))?.isHidden ?? false,
    close: () => graph.close(),
  };
};
