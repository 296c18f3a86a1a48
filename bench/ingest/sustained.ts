import type { watchCards } from './card-watch.js';
import { serviceCpuMs } from './service-cpu.js';
import { closedLoop, toEpochMs, type PhaseResult } from './load.js';
import { neutralComment, refundComment, type WebhookFactory } from './webhooks.js';

/*
 * Sustained processing, measured from outside the way users feel it: send N signed comments
 * (one in ten a refund the playbook hands off) as fast as 64 keep-alive clients can, and time
 * until ALL of them are processed — every event stored and processed, every refund's card in
 * the fake chat — not merely acknowledged.
 */

export interface SustainedTarget {
  url: string;
  next: WebhookFactory;
  /** Comments fully processed so far (events processed or failed; for the synchronous reference, rows stored). */
  processed: () => Promise<number>;
  cards: ReturnType<typeof watchCards>;
  /** The server's Postgres round trips so far, when it counts them. */
  queries?: () => Promise<number | undefined>;
  /** CPU time the server processes have used so far (ms). */
  cpuMs?: () => Promise<number>;
}

export interface SustainedFigures {
  comments: number;
  /** ms from the first send until the last 200. */
  acceptedMs: number;
  /** ms from the first send until every comment was processed and every card posted; undefined when the wait ran out. */
  processedMs: number | undefined;
  processedCount: number;
  cardsExpected: number;
  cardsPosted: number;
  queriesPerComment: number | undefined;
  /** CPU time per accepted comment (ms): the server processes', and Postgres's and Redis's on this machine. */
  cpuPerComment: { server: number | undefined; services: number | undefined };
  send: PhaseResult;
}

export const HANDOFF_EVERY = 10;

/** Comment n's text: every tenth a refund (handed off, a card), the rest neutral. */
const mixed = (n: number): string => (n % HANDOFF_EVERY === 0 ? refundComment(n) : neutralComment(n));

const waitUntil = async (done: () => Promise<boolean>, deadline: number): Promise<boolean> => {
  while (Date.now() < deadline) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return done();
};

export const measureSustained = async (target: SustainedTarget, comments: number, timeoutMs: number): Promise<SustainedFigures> => {
  const queriesBefore = await target.queries?.();
  const serverCpuBefore = await target.cpuMs?.();
  const servicesCpuBefore = await serviceCpuMs();
  const processedBefore = await target.processed();
  let cardsExpected = 0;
  const started = performance.now();
  const send = await closedLoop({
    url: target.url,
    next: () => target.next(mixed),
    clients: 64,
    total: comments,
    durationMs: timeoutMs,
    onSend: (webhook, sentAt) => {
      if (webhook.n % HANDOFF_EVERY !== 0) return;
      cardsExpected += 1;
      target.cards.sent(webhook.n, toEpochMs(sentAt));
    },
  });
  const acceptedMs = performance.now() - started;
  let processedCount = 0;
  const finished = await waitUntil(async () => {
    processedCount = (await target.processed()) - processedBefore;
    return processedCount >= send.accepted && target.cards.missing() === 0;
  }, Date.now() + timeoutMs);
  const processedMs = finished ? performance.now() - started : undefined;
  const queriesAfter = await target.queries?.();
  const serverCpuAfter = await target.cpuMs?.();
  const servicesCpuAfter = await serviceCpuMs();
  const perComment = (before: number | undefined, after: number | undefined) =>
    before === undefined || after === undefined ? undefined : (after - before) / Math.max(1, send.accepted);
  return {
    comments,
    acceptedMs,
    processedMs,
    processedCount,
    cardsExpected,
    cardsPosted: cardsExpected - target.cards.missing(),
    queriesPerComment:
      queriesBefore === undefined || queriesAfter === undefined ? undefined : (queriesAfter - queriesBefore) / Math.max(1, send.accepted),
    cpuPerComment: { server: perComment(serverCpuBefore, serverCpuAfter), services: perComment(servicesCpuBefore, servicesCpuAfter) },
    send,
  };
};

export const processedPerSecond = (figures: SustainedFigures): number | undefined =>
  figures.processedMs === undefined ? undefined : (figures.send.accepted * 1000) / figures.processedMs;
