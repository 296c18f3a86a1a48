import type { FakeDiscordRest } from '../../test/fakes/fake-discord-rest.js';
import type { FakeSlack } from '../../test/fakes/fake-slack.js';
import { CARD_MARKER, orderToSerial } from './webhooks.js';

/** A card post the chat fake has seen: its body (where the order number is quoted), when, or why it was refused. */
interface SeenPost {
  body: string;
  atMs: number;
  refused?: string;
}

/**
 * Matches cards posted to a chat fake with the webhooks that caused them, through the order number
 * each comment carries and each card quotes. Times are wall-clock ms, stamped by the fake when it
 * has read the request. `readNew` returns the posts the fake saw since it was last asked.
 */
const watchPosts = (readNew: () => SeenPost[]) => {
  const sentAt = new Map<number, number>();
  const postedAt = new Map<number, number>();
  const refused = new Map<string, number>();

  const scan = () => {
    for (const post of readNew()) {
      if (post.refused) {
        refused.set(post.refused, (refused.get(post.refused) ?? 0) + 1);
        continue;
      }
      const order = CARD_MARKER.exec(post.body)?.[1];
      if (order === undefined) continue;
      const serial = orderToSerial(Number(order));
      if (sentAt.has(serial) && !postedAt.has(serial)) postedAt.set(serial, post.atMs);
    }
  };

  return {
    sent: (serial: number, epochMs: number) => sentAt.set(serial, epochMs),
    /** Waits until every sent comment has its card, or the time runs out. */
    settle: async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      scan();
      while (postedAt.size < sentAt.size && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        scan();
      }
    },
    /** Webhook-to-card latency per comment, Infinity for a card that never came. */
    latencies: (): number[] => [...sentAt].map(([serial, sent]) => (postedAt.get(serial) ?? Infinity) - sent),
    missing: (): number => {
      scan();
      return sentAt.size - postedAt.size;
    },
    /** Card posts the chat refused, by error. */
    refused: (): Record<string, number> => Object.fromEntries(refused),
  };
};

/** Cards as the fake Slack saw them: chat.postMessage calls. */
export const watchCards = (slack: FakeSlack) => {
  let cursor = slack.calls.length;
  return watchPosts(() => {
    const calls = slack.calls.slice(cursor).filter((call) => call.method === 'chat.postMessage');
    cursor = slack.calls.length;
    return calls.map((call) => ({
      body: JSON.stringify(call.body),
      atMs: call.at.getTime(),
      ...(call.status !== 200 || call.error ? { refused: call.error ?? `HTTP ${call.status}` } : {}),
    }));
  });
};

/** Cards as the fake Discord REST API saw them: messages created in the card channel, and the posts it refused. */
export const watchDiscordCards = (discord: FakeDiscordRest, channel: string) => {
  let messages = discord.messagesIn(channel).length;
  let requests = discord.requests.length;
  const posts = `/channels/${channel}/messages`;
  return watchPosts(() => {
    const created = discord.messagesIn(channel).slice(messages);
    const failed = discord.requests
      .slice(requests)
      .filter((request) => request.method === 'POST' && request.path === posts && request.status >= 300);
    messages += created.length;
    requests = discord.requests.length;
    return [
      ...created.map((message) => ({ body: JSON.stringify(message.embeds), atMs: Date.parse(message.timestamp) })),
      ...failed.map((request) => ({ body: '', atMs: 0, refused: `HTTP ${request.status}` })),
    ];
  });
};
