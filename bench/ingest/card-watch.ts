import type { FakeSlack } from '../../test/fakes/fake-slack.js';
import { CARD_MARKER, orderToSerial } from './webhooks.js';

/**
 * Matches cards posted to the fake Slack with the webhooks that caused them, through the order
 * number each comment carries and each card quotes. Times are wall-clock ms: the fake stamps
 * every call with a Date when it has read the request.
 */
export const watchCards = (slack: FakeSlack) => {
  const sentAt = new Map<number, number>();
  const postedAt = new Map<number, number>();
  const refused = new Map<string, number>();
  let cursor = slack.calls.length;

  const scan = () => {
    for (; cursor < slack.calls.length; cursor += 1) {
      const call = slack.calls[cursor]!;
      if (call.method !== 'chat.postMessage') continue;
      if (call.status !== 200 || call.error) {
        const why = call.error ?? `HTTP ${call.status}`;
        refused.set(why, (refused.get(why) ?? 0) + 1);
        continue;
      }
      const order = CARD_MARKER.exec(JSON.stringify(call.body))?.[1];
      if (order === undefined) continue;
      const serial = orderToSerial(Number(order));
      if (sentAt.has(serial) && !postedAt.has(serial)) postedAt.set(serial, call.at.getTime());
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
    /** chat.postMessage calls the fake Slack refused, by error. */
    refused: (): Record<string, number> => Object.fromEntries(refused),
  };
};
