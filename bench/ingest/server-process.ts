import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Messages between the benchmark and a server it runs in a child process. */
export type ToServer = { type: 'rss' } | { type: 'queries' } | { type: 'stop' };
export type FromServer =
  | { type: 'ready'; url: string }
  | { type: 'rss'; rss: number; peakRss: number; cpuMs: number; heapUsed: number; heapTotal: number }
  | { type: 'queries'; count: number | undefined }
  | { type: 'stopped' }
  | { type: 'failed'; error: string };

/** Resident set size now and at its peak, the V8 heap now (bytes), and CPU time so far. */
export interface ServerUsage {
  rss: number;
  peakRss: number;
  heapUsed: number;
  heapTotal: number;
  cpuMs: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  usage: () => Promise<ServerUsage>;
  /** Postgres round trips the server has made so far (undefined when it does not count them). */
  queries: () => Promise<number | undefined>;
  stop: () => Promise<void>;
}

const waitFor = <T extends FromServer['type']>(child: ChildProcess, type: T, timeoutMs: number, output: () => string) =>
  new Promise<Extract<FromServer, { type: T }>>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`${type} not reported within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: FromServer) => {
      if (message.type === type) finish(undefined, message as Extract<FromServer, { type: T }>);
      else if (message.type === 'failed') finish(new Error(message.error));
    };
    const onExit = (code: number | null) => finish(new Error(`server exited (code ${code}) before reporting ${type}\n${output()}`));
    const finish = (error?: Error, message?: Extract<FromServer, { type: T }>) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

/** Runs `bench/ingest/<script>` under tsx in its own process, so its memory is its own. */
export const startServerProcess = async (script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> => {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const ready = await waitFor(child, 'ready', 60_000, () => output).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const send = (message: ToServer) => child.send(message);
  return {
    url: ready.url,
    pid: child.pid!,
    usage: async () => {
      const answer = waitFor(child, 'rss', 5_000, () => output);
      send({ type: 'rss' });
      const { type: _type, ...usage } = await answer;
      return usage;
    },
    queries: async () => {
      const answer = waitFor(child, 'queries', 5_000, () => output);
      send({ type: 'queries' });
      return (await answer).count;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

/** The child side: report readiness and memory, and stop cleanly when asked. */
export const serveParent = (url: string, stop: () => Promise<void>, queries?: () => number): void => {
  const send = (message: FromServer) => process.send?.(message);
  let stopping: Promise<void> | undefined;
  const stopOnce = () => (stopping ??= stop().catch(() => undefined));
  process.on('message', (message: ToServer) => {
    if (message.type === 'rss') {
      // getrusage's maxrss is the kernel's own high-water mark (KiB), so no sampling gaps.
      // With --expose-gc (when investigating), the heap figure is what survives a full collection.
      (globalThis as { gc?: () => void }).gc?.();
      const usage = process.resourceUsage();
      const { rss, heapUsed, heapTotal } = process.memoryUsage();
      send({
        type: 'rss',
        rss,
        peakRss: usage.maxRSS * 1024,
        heapUsed,
        heapTotal,
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      });
    } else if (message.type === 'queries') {
      send({ type: 'queries', count: queries?.() });
    } else if (message.type === 'stop') {
      void stopOnce().then(() => {
        send({ type: 'stopped' });
        process.exit(0);
      });
    }
  });
  process.on('disconnect', () => {
    // The benchmark died: do not linger holding ports and connections.
    void stopOnce().then(() => process.exit(0));
  });
  send({ type: 'ready', url });
};

export const reportStartFailure = (error: unknown): never => {
  process.send?.({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromServer);
  process.exit(1);
};
