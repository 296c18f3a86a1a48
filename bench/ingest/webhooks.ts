import { commentAdded, POST_ID, signMeta } from '../../test/fixtures/meta.js';

export interface SignedWebhook {
  /** Serial number within this factory: identifies the comment (and its card). */
  n: number;
  body: Buffer;
  signature: string;
}

/** Distinct comments: each gets its own comment id and author, spread over a few posts. */
export const createWebhookFactory = (appSecret: string, runTag: string) => {
  const postPrefix = POST_ID.split('_')[0]!;
  let serial = 0;
  return (message: (n: number) => string): SignedWebhook => {
    serial += 1;
    const n = serial;
    const post = `${postPrefix}_22${String(n % 50).padStart(13, '0')}`;
    const raw = JSON.stringify(
      commentAdded({
        postId: post,
        commentId: `${post.split('_')[1]}_${runTag}${n}`,
        from: { id: `61${String(n).padStart(14, '0')}`, name: `Bench Person ${n}` },
        message: message(n),
        createdTime: Math.floor(Date.now() / 1000),
      }),
    );
    return { n, body: Buffer.from(raw), signature: signMeta(raw, appSecret) };
  };
};

export type WebhookFactory = ReturnType<typeof createWebhookFactory>;

/** A comment the default playbook records without acting on: the cheap path through the workers. */
export const neutralComment = (n: number): string => `Love the colours on these, great photo #${n}`;

/** A comment the default playbook hands off, carrying a marker the card quotes back. */
export const refundComment = (n: number): string => `I want a refund for order ${cardOrder(n)}`;

const ORDER_BASE = 70_000_000;
export const cardOrder = (n: number): number => ORDER_BASE + n;
export const CARD_MARKER = /order (7\d{7})/u;
export const orderToSerial = (order: number): number => order - ORDER_BASE;
