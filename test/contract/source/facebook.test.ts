import { FakeGraph } from '../../fakes/fake-graph.js';
import { commentAdded, PAGE_ID, POST_ID } from '../../fixtures/meta.js';
import { PAGE_TOKEN } from '../../support/app-harness.js';
import { metaCommentSubject } from './meta-comments.js';
import { runSourceCoreLoop } from './source-core-loop.js';
import type { InboundMessage } from './source-subject.js';

const commentId = (message: InboundMessage) => `${POST_ID.split('_')[1]}_${message.id.replace(/\D/gu, '').slice(-15)}`;
const from = (message: InboundMessage) => ({ id: message.authorId, name: message.authorName });

/** Facebook Page comments. */
const makeFacebook = () => {
  const graph = new FakeGraph({ tokens: { [PAGE_TOKEN]: { id: PAGE_ID, name: 'Acme Shoes' } } });
  return metaCommentSubject({
    platform: 'facebook',
    graph,
    commentId,
    webhook: (message) => commentAdded({ commentId: commentId(message), message: message.text, from: from(message) }),
    seed: (message) => graph.addComment({ id: commentId(message), from: from(message), message: message.text, postId: POST_ID }),
  });
};

runSourceCoreLoop('Facebook comments', makeFacebook);
