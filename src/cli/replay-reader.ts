import { Worker } from 'node:worker_threads';
import type { CompiledPlaybook } from '../engine/compiled.js';
import { errorMessage } from '../errors.js';
import { toEntry } from './replay-entries.js';
import { readLines } from './replay-input.js';
import { READER_DONE, type ReaderData, type ReplayEntry, type WireBatch } from './replay-wire.js';
import { readBatch } from './replay-wire-read.js';

/** A chunk of the file as replay works on it; `bytes` read so far, for the progress bar. */
export interface ReplayBatch {
  entries: ReplayEntry[];
  bytes: number;
}

/** The reading thread failed or stopped early: the replay cannot finish. */
export class ReaderError extends Error {
  override name = 'ReaderError';
}

/** Where a replay's batches come from. */
export interface Reader {
  /** The file's batches, in order. */
  batches: AsyncGenerator<ReplayBatch>;
  /** Ends the reading thread, if there is one, when the replay stops before taking its batches. */
  stop(): Promise<unknown>;
}

/** On this thread: parsing and language detection only; `decide` works out the text facts as the live pipeline does. */
export const readInProcess = (file: string, playbook: CompiledPlaybook): Reader => {
  async function* batches(): AsyncGenerator<ReplayBatch> {
    for await (const batch of readLines(file)) yield { entries: batch.lines.map((line) => toEntry(line, playbook)), bytes: batch.bytes };
  }
  return { batches: batches(), stop: async () => undefined };
};

const isTypeScript = (url: URL): boolean => url.pathname.endsWith('.ts');

/**
 * The Node flags the reading thread starts with. A thread inherits the process's flags, and one
 * started from a file fails at once if they include `--input-type` (`node --input-type=module -e …`,
 * how a script embeds the replay): that flag is about the process's own input, so it is left out.
 */
export const readerExecArgv = (execArgv: readonly string[]): string[] =>
  execArgv.filter((flag, index) => !flag.startsWith('--input-type=') && flag !== '--input-type' && execArgv[index - 1] !== '--input-type');

// Run from source (tsx, vitest), the thread needs tsx's loader before it can import TypeScript.
const startWorker = (entry: URL, data: ReaderData): Worker => {
  const execArgv = readerExecArgv(process.execArgv);
  if (!isTypeScript(entry)) return new Worker(entry, { workerData: data, execArgv });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: data, execArgv });
};

const ownExtension = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js';
export const READER_ENTRY = new URL(`./replay-worker${ownExtension}`, import.meta.url);

/**
 * On a second thread (replay-worker.ts), started at once: the file read, parsed, its languages
 * detected and its text facts worked out there, batch by batch, in order; each batch is taken
 * back once this thread is done with it, so the reader stays a few batches ahead at most.
 */
export const readInWorker = (file: string, playbooks: (string | undefined)[], entry = READER_ENTRY): Reader => {
  const worker = startWorker(entry, { file, playbooks });
  const queue: WireBatch[] = [];
  let finished = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    wake?.();
  };
  worker.on('message', (message: WireBatch | typeof READER_DONE) => {
    if (message === READER_DONE) finished = true;
    else queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => fail(new ReaderError(`the thread reading ${file} failed: ${errorMessage(error)}`)));
  worker.on('messageerror', (error) =>
    fail(new ReaderError(`the thread reading ${file} sent what could not be read: ${errorMessage(error)}`)),
  );
  worker.on('exit', (code) => {
    if (!finished) fail(new ReaderError(`the thread reading ${file} stopped before the end of the file (exit code ${code})`));
  });
  async function* batches(): AsyncGenerator<ReplayBatch> {
    try {
      for (;;) {
        if (failure) throw failure;
        const batch = queue.shift();
        if (batch !== undefined) {
          yield { entries: readBatch(batch), bytes: batch.bytes };
          worker.postMessage(0);
        } else if (finished) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      await worker.terminate();
    }
  }
  return { batches: batches(), stop: () => worker.terminate() };
};
