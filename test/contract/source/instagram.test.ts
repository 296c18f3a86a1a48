import { FakeGraph } from '../../fakes/fake-graph.js';
import { IG_ACCOUNT_ID, instagramComment, PAGE_ID } from '../../fixtures/meta.js';
import { PAGE_TOKEN } from '../../support/app-harness.js';
import { metaCommentSubject } from './meta-comments.js';
import { runSourceCoreLoop } from './source-core-loop.js';
import type { InboundMessage } from './source-subject.js';

const MEDIA_ID = '17900000000000001';
const commentId = (message: InboundMessage) => `1786${message.id.replace(/\D/gu, '').slice(-13)}`;

/** Instagram comments: Meta's signed webhook (`object: instagram`) in, the Instagram Graph calls (fake) out. */
const makeInstagram = () => {
  const graph = new FakeGraph({ tokens: { [PAGE_TOKEN]: { id: PAGE_ID, name: 'Acme Shoes', instagramId: IG_ACCOUNT_ID } } });
  return metaCommentSubject({
    platform: 'instagram',
    graph,
    commentId,
    webhook: (message) =>
      instagramComment({
        id: commentId(message),
        text: message.text,
        fromId: message.authorId,
        username: message.authorName,
        mediaId: MEDIA_ID,
      }),
    seed: (message) =>
      graph.addComment({
        id: commentId(message),
        from: { id: message.authorId, name: message.authorName },
        message: message.text,
        postId: MEDIA_ID,
        instagram: true,
      }),
  });
};

runSourceCoreLoop('Instagram comments', makeInstagram);
