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
};

export const LADDER = [250, 500, 1_000, 2_000, 4_000] as const;
export const CLIENTS = 64;

export interface ServerFigures {
  saturation: PhaseResult;
  at500: PhaseResult;
  ladder: { rate: number; result: PhaseResult }[];
  card?: { latencies: number[]; missing: number; refused: Record<string, number> };
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
  cards?: ReturnType<typeof watchCards>;
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
  if (target.cards) {
    const cards = target.cards;
    await settle('cards');
    const result = count(
      await openLoop({
        url,
        next: () => target.next(refundComment),
        rate: 100,
        durationMs: timings.cardMs,
        graceMs: timings.graceMs,
        onSend: (webhook, sentAt) => cards.sent(webhook.n, toEpochMs(sentAt)),
      }),
    );
    await cards.settle(timings.cardSettleMs);
    card = { latencies: cards.latencies(), missing: cards.missing(), refused: cards.refused() };
    log(`cards at 100/s: ${describe(result)}`);
    log(
      `  webhook-to-card p50 ${formatMs(percentile(card.latencies, 50))}, p99 ${formatMs(percentile(card.latencies, 99))}, ${card.missing} missing`,
    );
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
  return { saturation, at500, ladder, ...(card ? { card } : {}), backlog, acceptedTotal };
};
