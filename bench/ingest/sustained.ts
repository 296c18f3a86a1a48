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
  /**
   * Comments accepted but not yet processed: for Switchboard, stored events neither processed nor failed (counted
   * through the partial index of unprocessed events, so a poll costs the backlog, not the table: counting every
   * processed row every 50 ms cost Postgres more than the comments did once the table held 10,000 rows); the
   * synchronous reference has none, since it answers only once done.
   */
  unprocessed: () => Promise<number>;
  cards: ReturnType<typeof watchCards>;
  /** The server's Postgres round trips so far, when it counts them. */
  queries?: () => Promise<number | undefined>;
  /** CPU time the server processes have used so far (ms). */
  cpuMs?: () => Promise<number>;
  /** Intake only (no workers): the figures stop once every comment is accepted, nothing is waited for. */
  intakeOnly?: boolean;
}

/**
 * CPU time per accepted comment (ms): the server processes', Postgres's and Redis's on this machine, and this
 * benchmark process's own (the load generator signing and sending, the fake chat taking the cards).
 */
export interface CpuPerComment {
  server: number | undefined;
  services: number | undefined;
  bench: number;
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
  cpuPerComment: CpuPerComment;
  intakeOnly: boolean;
  send: PhaseResult;
}

export const HANDOFF_EVERY = 10;

/** CPU time this process (load generator and fakes) has used so far, ms. */
const benchCpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

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
  const benchCpuBefore = benchCpuMs();
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
  // The polls below cost this process a little CPU; they are counted as the benchmark's own.
  let processedCount = 0;
  const finished =
    !target.intakeOnly &&
    (await waitUntil(async () => {
      const backlog = await target.unprocessed();
      processedCount = send.accepted - backlog;
      return backlog === 0 && target.cards.missing() === 0;
    }, Date.now() + timeoutMs));
  const processedMs = finished ? performance.now() - started : undefined;
  const benchCpuAfter = benchCpuMs();
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
    cpuPerComment: {
      server: perComment(serverCpuBefore, serverCpuAfter),
      services: perComment(servicesCpuBefore, servicesCpuAfter),
      bench: (benchCpuAfter - benchCpuBefore) / Math.max(1, send.accepted),
    },
    intakeOnly: target.intakeOnly ?? false,
    send,
  };
};

export const processedPerSecond = (figures: SustainedFigures): number | undefined =>
  figures.processedMs === undefined ? undefined : (figures.send.accepted * 1000) / figures.processedMs;
