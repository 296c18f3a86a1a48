import { commentAdded, POST_ID } from '../../fixtures/meta.js';

/*
 * Distinct comments for the throughput tests: each its own comment id and author, spread over a few
 * posts; every tenth a refund the default playbook hands off (a card quoting its order number).
 */

const POSTS = 5;
const postPrefix = POST_ID.split('_')[0]!;

export const isHandoff = (n: number): boolean => n % 10 === 0;

export const orderOf = (n: number): string => String(70_000_000 + n);

/** The post comment n is on (the Graph id, page_post). */
export const postOf = (n: number): string => `${postPrefix}_23${String(n % POSTS).padStart(13, '0')}`;

export const comment = (tag: string, n: number) => {
  const post = postOf(n);
  return commentAdded({
    postId: post,
    commentId: `${post.split('_')[1]}_${tag}${String(n).padStart(6, '0')}`,
    from: { id: `63${tag}${String(n).padStart(8, '0')}`, name: `Throughput Person ${n}` },
    message: isHandoff(n) ? `I want a refund for order ${orderOf(n)}` : `Love the colours on these, great photo #${n}`,
  });
};
