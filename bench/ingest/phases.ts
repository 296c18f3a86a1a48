import type { watchCards } from './card-watch.js';
import { closedLoop, openLoop, toEpochMs, type PhaseResult } from './load.js';
import { formatCount, formatMs, percentile } from './stats.js';
import { neutralComment, refundComment, type WebhookFactory } from './webhooks.js';

export interface Timings {
  warmupMs: number;
  cardMs: number;
  at500Ms: number;
  stepMs: number;
  saturationMs: number;
  /** How long answers may trail an open-loop phase before they count as unanswered. */
  graceMs: number;
  /** How long to wait for cards after the card phase. */
  cardSettleMs: number;
  /** How long to let Switchboard's workers catch up before a latency phase. */
  drainMs: number;
  /**
   * Sustained processing: comments sent, comments sent first to warm up, and how long to wait for all to be processed.
   * The warm-up is as long as the measurement: after only 500 comments V8 was still optimising Switchboard's code on
   * its background threads through the whole measured phase (a third of a core, seen with perf), a cost a server that
   * has been up for minutes no longer pays.
   */
  sustainedComments: number;
  sustainedWarmup: number;
  sustainedTimeoutMs: number;
}

export const fullTimings: Timings = {
  warmupMs: 4_000,
  cardMs: 10_000,
  at500Ms: 10_000,
  stepMs: 5_000,
  saturationMs: 10_000,
  graceMs: 5_000,
  cardSettleMs: 10_000,
  drainMs: 10_000,
  sustainedComments: 5_000,
  sustainedWarmup: 5_000,
  sustainedTimeoutMs: 120_000,
};

export const quickTimings: Timings = {
  warmupMs: 1_000,
  cardMs: 2_000,
  at500Ms: 2_000,
  stepMs: 2_000,
  saturationMs: 2_000,
  graceMs: 3_000,
  cardSettleMs: 10_000,
  drainMs: 5_000,
  sustainedComments: 1_000,
  sustainedWarmup: 1_000,
  sustainedTimeoutMs: 60_000,
};

export const LADDER = [250, 500, 1_000, 2_000, 4_000] as const;
export const CLIENTS = 64;

export interface CardFigures {
  latencies: number[];
  missing: number;
  refused: Record<string, number>;
}

export interface ServerFigures {
  saturation: PhaseResult;
  at500: PhaseResult;
  ladder: { rate: number; result: PhaseResult }[];
  /** Webhook-to-card at 100 handoffs/s (`card`) and at 10/s (`card10`). */
  card?: CardFigures;
  card10?: CardFigures;
  /** Worker jobs left waiting when each phase started (Switchboard with workers only). */
  backlog: Record<string, number>;
  /** 200s over every phase, warm-up included. */
  acceptedTotal: number;
}

export interface Target {
  name: string;
  url: string;
  next: WebhookFactory;
  /** Switchboard's workers: let them catch up before a latency phase, so one phase's backlog does not tax the next. */
  drain?: (timeoutMs: number) => Promise<number>;
  /** Watches the fake chat for the cards of one phase (a fresh watcher per phase). */
  cards?: () => ReturnType<typeof watchCards>;
  /** The rate ladder is skipped for secondary configurations, to keep the run short. */
  ladder?: boolean;
}

export const acceptedPerSecond = (result: PhaseResult): number => (result.acceptedInWindow * 1000) / result.windowMs;

export const describe = (result: PhaseResult): string => {
  const failures = [
    ...Object.entries(result.statuses).map(([status, n]) => `HTTP ${status}×${n}`),
    ...Object.entries(result.errors).map(([code, n]) => `${code}×${n}`),
    ...(result.unfinished > 0 ? [`unanswered×${result.unfinished}`] : []),
  ];
  return (
    `${formatCount(acceptedPerSecond(result))}/s accepted in the window (${formatCount(result.accepted)} of ${formatCount(result.sent)} in all), ` +
    `p50 ${formatMs(percentile(result.latencies, 50))}, p99 ${formatMs(percentile(result.latencies, 99))}` +
    (failures.length > 0 ? `; failures: ${failures.join(' ')}` : '')
  );
};

/** Refund comments at a fixed rate (which the default playbook hands off), timed from send to card. */
const cardPhase = async (
  target: Target,
  rate: number,
  timings: Timings,
  log: (line: string) => void,
  count: (result: PhaseResult) => PhaseResult,
  settle: (phase: string) => Promise<void>,
): Promise<CardFigures> => {
  const cards = target.cards!();
  await settle(`cards@${rate}/s`);
  const result = count(
    await openLoop({
      url: target.url,
      next: () => target.next(refundComment),
      rate,
      durationMs: timings.cardMs,
      graceMs: timings.graceMs,
      onSend: (webhook, sentAt) => cards.sent(webhook.n, toEpochMs(sentAt)),
    }),
  );
  await cards.settle(timings.cardSettleMs);
  const card = { latencies: cards.latencies(), missing: cards.missing(), refused: cards.refused() };
  log(`cards at ${rate}/s: ${describe(result)}`);
  log(
    `  webhook-to-card p50 ${formatMs(percentile(card.latencies, 50))}, p99 ${formatMs(percentile(card.latencies, 99))}, ${card.missing} missing`,
  );
  return card;
};

/** Every phase against one server, in an order that keeps one phase's debris out of the next. */
export const measureServer = async (target: Target, timings: Timings, log: (line: string) => void): Promise<ServerFigures> => {
  const { url } = target;
  const neutral = () => target.next(neutralComment);
  const backlog: Record<string, number> = {};
  let acceptedTotal = 0;
  const count = (result: PhaseResult) => {
    acceptedTotal += result.accepted;
    return result;
  };
  const settle = async (phase: string) => {
    if (target.drain) backlog[phase] = await target.drain(timings.drainMs);
  };

  // Warm-up: JIT, connection pools and keep-alive sockets, up to the rate of the first latency phase.
  count(await openLoop({ url, next: neutral, rate: 200, durationMs: timings.warmupMs / 2, graceMs: timings.graceMs }));
  count(await openLoop({ url, next: neutral, rate: 500, durationMs: timings.warmupMs / 2, graceMs: timings.graceMs }));

  let card: ServerFigures['card'];
  let card10: ServerFigures['card10'];
  if (target.cards) {
    card10 = await cardPhase(target, 10, timings, log, count, settle);
    card = await cardPhase(target, 100, timings, log, count, settle);
  }

  await settle('500/s');
  const at500 = count(await openLoop({ url, next: neutral, rate: 500, durationMs: timings.at500Ms, graceMs: timings.graceMs * 2 }));
  log(`open loop 500/s: ${describe(at500)}`);

  const ladder: ServerFigures['ladder'] = [];
  if (target.ladder !== false) {
    if (target.drain) backlog.ladder = await target.drain(0);
    for (const rate of LADDER) {
      const result = count(await openLoop({ url, next: neutral, rate, durationMs: timings.stepMs, graceMs: timings.graceMs }));
      ladder.push({ rate, result });
      log(`ladder ${rate}/s: ${describe(result)}`);
    }
  }

  if (target.drain) backlog.saturation = await target.drain(0);
  const saturation = count(await closedLoop({ url, next: neutral, clients: CLIENTS, durationMs: timings.saturationMs }));
  log(`saturation, ${CLIENTS} keep-alive clients: ${describe(saturation)}`);
  return { saturation, at500, ladder, ...(card ? { card } : {}), ...(card10 ? { card10 } : {}), backlog, acceptedTotal };
};
