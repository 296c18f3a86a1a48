import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server.js';

/*
 * A receiver of Switchboard's generic callback, as contract.md describes one: it checks the
 * signature, does each idempotency key once (a repeat gets the first answer), answers lookups
 * by key, and can refuse, fail, or do the action and then keep its answer back.
 */

export interface CallbackBody {
  idempotency_key: string;
  action: string;
  platform: string;
  account_id: string;
  target: { message_id?: string; author_id?: string; thread_id?: string };
  text?: string;
  lookup?: boolean;
}

export interface CallbackCall {
  key: string | undefined;
  body: CallbackBody;
  lookup: boolean;
  signatureValid: boolean;
}

export interface CallbackEffect {
  id: string;
  key: string;
  body: CallbackBody;
}

interface Scripted {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface Hold {
  arrived: () => void;
  send?: () => void;
  released: boolean;
}

const targetOf = (body: CallbackBody): string => body.target.message_id ?? body.target.author_id ?? '';

export class FakeGenericCallback {
  readonly calls: CallbackCall[] = [];
  readonly effects: CallbackEffect[] = [];
  private readonly done = new Map<string, CallbackEffect>();
  private readonly refusedTargets = new Map<string, string>();
  private readonly scripted: Scripted[] = [];
  private readonly holds: Hold[] = [];
  private server: LoopbackServer | undefined;
  private sequence = 0;
  private dropsLeft = 0;

  constructor(private readonly secret: string) {}

  async start(): Promise<{ url: string }> {
    this.server = await listenOnLoopback((req, res) => this.handle(req, res));
    return { url: `http://127.0.0.1:${this.server.port}/switchboard-actions` };
  }

  async close(): Promise<void> {
    for (const hold of this.holds) hold.send?.();
    await this.server?.close();
  }

  effectsOn(target: string, action?: string): CallbackEffect[] {
    return this.effects.filter((effect) => targetOf(effect.body) === target && (action === undefined || effect.body.action === action));
  }

  /** Every action on this target is refused with these words (a 422), as a receiver that cannot do it would. */
  refuse(target: string, error: string): void {
    this.refusedTargets.set(target, error);
  }

  /** The next action request gets this answer and has no effect. */
  failNext(answer: Scripted): void {
    this.scripted.push(answer);
  }

  /** The next action request takes effect; its answer is held until released (a receiver that timed out after doing it). */
  holdNext(): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    const promise = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const hold: Hold = { arrived, released: false };
    this.holds.push(hold);
    return {
      arrived: promise,
      release: () => {
        hold.released = true;
        hold.send?.();
      },
    };
  }

  /** The next action request takes effect, then the connection is cut without an answer: a receiver that timed out after doing it. */
  dropNextAnswer(): void {
    this.dropsLeft += 1;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed || res.headersSent) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const signatureValid = this.signatureMatches(raw, req.headers['x-switchboard-signature']);
    let body: CallbackBody;
    try {
      body = JSON.parse(raw.toString('utf8')) as CallbackBody;
    } catch {
      return send(400, { ok: false, error: 'the body is not JSON' });
    }
    const key = req.headers['idempotency-key'] as string | undefined;
    const lookup = body.lookup === true;
    this.calls.push({ key, body, lookup, signatureValid });
    if (!signatureValid) return send(401, { ok: false, error: 'signature does not match' });
    if (key === undefined || key !== body.idempotency_key)
      return send(400, { ok: false, error: 'Idempotency-Key header missing or not the body key' });
    const already = this.done.get(key);
    if (lookup) return already ? send(200, { ok: true, id: already.id }) : send(404, { ok: false, error: 'no action with this key' });
    if (already) return send(200, { ok: true, id: already.id });
    const scripted = this.scripted.shift();
    if (scripted) return send(scripted.status, scripted.body, scripted.headers);
    const refusal = this.refusedTargets.get(targetOf(body));
    if (refusal !== undefined) return send(422, { ok: false, error: refusal });
    this.sequence += 1;
    const effect: CallbackEffect = { id: `result-${this.sequence}`, key, body };
    this.done.set(key, effect);
    this.effects.push(effect);
    if (this.dropsLeft > 0) {
      this.dropsLeft -= 1;
      res.socket?.destroy();
      return;
    }
    const hold = this.holds.find((candidate) => candidate.send === undefined && !candidate.released);
    if (!hold) return send(200, { ok: true, id: effect.id });
    hold.send = () => send(200, { ok: true, id: effect.id });
    hold.arrived();
  }

  private signatureMatches(raw: Buffer, header: string | string[] | undefined): boolean {
    const given = Buffer.from(String(header ?? ''));
    const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(raw).digest('hex')}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
