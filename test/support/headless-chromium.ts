import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';

/** Debian's Chromium (apt-get install chromium); tests that need it skip, saying so, without it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = (): string | undefined =>
  existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

// The machine's network is closed: without these, Chromium keeps trying to reach Google's hosts.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--remote-debugging-port=0',
];

type Params = Record<string, unknown>;
interface CdpMessage {
  id?: number;
  method?: string;
  params?: Params;
  result?: Params;
  error?: { message: string };
  sessionId?: string;
}

/** A page in headless Chromium driven over the DevTools protocol (the `ws` client, no browser download). */
export interface HeadlessPage {
  send(method: string, params?: Params): Promise<Params>;
  /** Every event the page sent so far, in order. */
  events: CdpMessage[];
  waitFor(method: string, timeoutMs?: number): Promise<Params>;
  close(): Promise<void>;
}

const readPort = async (profile: string, child: ChildProcess): Promise<string> => {
  const file = join(profile, 'DevToolsActivePort');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`chromium exited with ${child.exitCode}`);
    if (existsSync(file)) {
      const [port, path] = readFileSync(file, 'utf8').split('\n');
      if (port && path) return `ws://127.0.0.1:${port}${path}`;
    }
    await delay(50);
  }
  throw new Error('chromium did not open its DevTools port within 30 s');
};

export const openHeadlessPage = async (): Promise<HeadlessPage> => {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
  const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  const socket = new WebSocket(await readPort(profile, child));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const pending = new Map<number, { resolve: (result: Params) => void; reject: (error: Error) => void }>();
  const events: CdpMessage[] = [];
  const waiters: { method: string; resolve: (params: Params) => void }[] = [];
  let nextId = 0;
  let sessionId: string | undefined;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as CdpMessage;
    if (message.id !== undefined) {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) call?.reject(new Error(message.error.message));
      else call?.resolve(message.result ?? {});
      return;
    }
    events.push(message);
    for (const waiter of waiters.filter((w) => w.method === message.method)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(message.params ?? {});
    }
  });
  const send = (method: string, params: Params = {}): Promise<Params> =>
    new Promise((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      socket.send(JSON.stringify({ id: nextId, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  sessionId = (await send('Target.attachToTarget', { targetId, flatten: true })).sessionId as string;
  return {
    send,
    events,
    waitFor: (method, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          method,
          resolve: (params) => {
            clearTimeout(timer);
            resolve(params);
          },
        });
      }),
    close: async () => {
      socket.close();
      child.kill('SIGKILL');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
      // Chromium's helper processes may still be writing to the profile for a moment after the browser exits.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
};
