import { Agent, request, type ClientRequest } from 'node:http';
import type { SignedWebhook } from './webhooks.js';

export interface PhaseResult {
  /** Requests started. */
  sent: number;
  /** 200 answers that arrived inside the phase window (what "accepted/s" counts). */
  acceptedInWindow: number;
  accepted: number;
  /** Other status codes, by code. */
  statuses: Record<string, number>;
  /** Transport errors and timeouts, by code. */
  errors: Record<string, number>;
  /** Still unanswered when the grace period ran out (counted as Infinity in latencies). */
  unfinished: number;
  /** Acceptance latency in ms of every request (Infinity when unanswered or failed). */
  latencies: number[];
  windowMs: number;
}

export interface PhaseOptions {
  url: string;
  next: () => SignedWebhook;
  durationMs: number;
  /** How long to wait for answers after the window closes. */
  graceMs?: number;
  timeoutMs?: number;
  /** Called with the serial's send time for every request sent (card latency needs it). */
  onSend?: (webhook: SignedWebhook, sentAt: number) => void;
}

const now = (): number => performance.now();

/** Wall-clock ms matching performance.now(), so our times compare with Date-stamped server records. */
export const toEpochMs = (perfMs: number): number => performance.timeOrigin + perfMs;

const post = (agent: Agent, target: URL, webhook: SignedWebhook, timeoutMs: number, inFlight: Set<ClientRequest>): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': webhook.body.length,
          'x-hub-signature-256': webhook.signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    inFlight.add(req);
    req.on('close', () => inFlight.delete(req));
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end(webhook.body);
  });

/** Counts answers until the phase is over; whatever is still in flight then is abandoned and counted once, as unanswered. */
const createTally = (windowMs: number) => {
  const result: PhaseResult = {
    sent: 0,
    acceptedInWindow: 0,
    accepted: 0,
    statuses: {},
    errors: {},
    unfinished: 0,
    latencies: [],
    windowMs,
  };
  const inFlight = new Set<ClientRequest>();
  let closed = false;
  let outstanding = 0;
  let settled: (() => void) | undefined;
  const track = (agent: Agent, target: URL, webhook: SignedWebhook, timeoutMs: number, startedAt: number, windowEnd: number) => {
    result.sent += 1;
    outstanding += 1;
    const index = result.latencies.push(Infinity) - 1;
    return post(agent, target, webhook, timeoutMs, inFlight)
      .then((status) => {
        if (closed) return;
        const at = now();
        result.latencies[index] = at - startedAt;
        if (status === 200) {
          result.accepted += 1;
          if (at <= windowEnd) result.acceptedInWindow += 1;
        } else {
          result.statuses[status] = (result.statuses[status] ?? 0) + 1;
        }
      })
      .catch((error: unknown) => {
        if (closed) return;
        const code = (error as { code?: string }).code ?? (error as Error).message;
        result.errors[code] = (result.errors[code] ?? 0) + 1;
      })
      .finally(() => {
        outstanding -= 1;
        if (outstanding === 0) settled?.();
      });
  };
  const finish = async (graceMs: number, agent: Agent) => {
    if (outstanding > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        settled = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    closed = true;
    result.unfinished = outstanding;
    for (const req of inFlight) req.destroy();
    agent.destroy();
    return result;
  };
  return { track, finish };
};

/**
 * Closed loop: `clients` keep-alive connections, each sending its next request as soon as the
 * previous one is answered, for the duration or until `total` requests have been sent. What the
 * server sustains when it is the bottleneck.
 */
export const closedLoop = async (options: PhaseOptions & { clients: number; total?: number }): Promise<PhaseResult> => {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const tally = createTally(options.durationMs);
  const start = now();
  const end = start + options.durationMs;
  // With a total, the loop sends exactly that many (the window only bounds "accepted in the window").
  let left = options.total ?? Infinity;
  const more = () => (options.total === undefined ? now() < end : left-- > 0);
  const client = async () => {
    while (more()) {
      const webhook = options.next();
      const sentAt = now();
      options.onSend?.(webhook, sentAt);
      await tally.track(agent, target, webhook, timeoutMs, sentAt, end);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return tally.finish(options.graceMs ?? 0, agent);
};

/**
 * Open loop: requests leave on a fixed schedule whatever the answers, and latency runs from the
 * scheduled send time, so a server that falls behind is charged for the queue it builds.
 */
export const openLoop = async (options: PhaseOptions & { rate: number; maxSockets?: number }): Promise<PhaseResult> => {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 512 });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const tally = createTally(options.durationMs);
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const interval = 1000 / options.rate;
  const start = now() + 5;
  const end = start + options.durationMs;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const at = now();
      while (sent < total && start + sent * interval <= at) {
        const scheduled = start + sent * interval;
        const webhook = options.next();
        options.onSend?.(webhook, scheduled);
        void tally.track(agent, target, webhook, timeoutMs, scheduled, end);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, start + sent * interval - now())));
      else resolve();
    };
    tick();
  });
  return tally.finish(options.graceMs ?? 10_000, agent);
};
