import { statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import type { CompiledPlaybook } from '../engine/compiled.js';
import { seededRandom } from '../engine/context.js';
import { decide } from '../engine/decide.js';
import type { TextFacts } from '../engine/text-facts.js';
import { AppError, errorMessage } from '../errors.js';
import { readArgs } from './cli-args.js';
import { loadPlaybook } from '../playbook/load.js';
import { ReplayDiff } from './replay-diff.js';
import { ReplayHistory } from './replay-history.js';
import { renderReplayHtml } from './replay-html.js';
import { READER_ENTRY, type Reader, ReaderError, readInProcess, readInWorker } from './replay-reader.js';
import { createJsonOutput } from './replay-json.js';
import { createMemoryGuard } from './replay-memory.js';
import { createProgress } from './replay-progress.js';
import { ReplayReport } from './replay-report.js';
import { ReplaySummary } from './replay-summary.js';
import { ReplayAutonomy } from './replay-autonomy.js';

export interface ReplayIo {
  stdout: { write(chunk: string): boolean; once?(event: 'drain', listener: () => void): unknown };
  stderr: { write(chunk: string): unknown };
  /** Whether stderr is a terminal (the progress bar goes there). */
  isTTY: boolean;
  /** Whether stdout is a terminal; when it is not (piped --json, a log file), no progress bar. Defaults to isTTY. */
  stdoutIsTTY?: boolean;
}

export interface ReplayOptions {
  /** A second thread reads the file (see replay-reader.ts): 'auto' for files of at least READER_FROM_BYTES. */
  reader?: 'auto' | 'worker' | 'in-process';
  /** The reading thread's module (tests start one that fails). */
  readerEntry?: URL;
}

/**
 * Below this (some 30,000 messages), starting the reading thread — its modules and playbooks
 * loaded and compiled again there, about half a second — costs more than the ~12 µs a message it saves.
 */
const READER_FROM_BYTES = 8 << 20;

const USAGE = `usage: switchboard replay FILE [--playbook P] [--json] [--html REPORT.html] [--diff OTHER_PLAYBOOK] [--seed N]

Runs a playbook over a JSONL file of messages (the generic source shape, one a line) with no
Postgres or Redis, and reports what would have happened: a summary, one JSON line per message
(--json), or a self-contained HTML page with charts and examples (--html).
`;
const MAX_REPORTED_ERRORS = 10;

interface Lane {
  playbook: CompiledPlaybook;
  history: ReplayHistory;
  random: () => number;
}

const lane = (playbook: CompiledPlaybook, seed: number): Lane => ({
  playbook,
  history: new ReplayHistory(
    playbook.longestWindowMs,
    Math.max(0, ...[...playbook.funnels.values()].map((funnel) => funnel.expireAfterMs)),
    playbook.countLimit,
  ),
  random: seededRandom(seed),
});

const run = (current: Lane, message: Message, language: string, text: TextFacts | undefined): Decision[] => {
  // The summary needs every message's language anyway: detect once, hand it to the engine.
  const decisions = decide(message, current.history.context(message, current.random, language), current.playbook, text);
  current.history.record(message, decisions);
  return decisions;
};

const parseReplayArgs = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      playbook: { type: 'string' },
      json: { type: 'boolean', default: false },
      html: { type: 'string' },
      diff: { type: 'string' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

type Options = ReturnType<typeof parseReplayArgs>['values'];

interface Setup {
  file: string;
  totalBytes: number;
  main: Lane;
  other: Lane | undefined;
  reader: Reader;
}

const usesWorker = (totalBytes: number, options: ReplayOptions): boolean =>
  options.reader === 'worker' || ((options.reader ?? 'auto') === 'auto' && totalBytes >= READER_FROM_BYTES);

/** Reads the arguments, the file's size and the playbooks; an exit code when it cannot. */
const prepare = (args: string[], io: ReplayIo, options: ReplayOptions): { setup: Setup; values: Options } | number => {
  const parsed = readArgs(() => parseReplayArgs(args), io, USAGE);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (file === undefined || positionals.length > 1 || (values.json && values.html !== undefined)) {
    io.stderr.write(values.json && values.html !== undefined ? `--json and --html: choose one\n${USAGE}` : USAGE);
    return 2;
  }
  let worker: Reader | undefined;
  try {
    const totalBytes = statSync(file).size;
    // Started first: the reading thread compiles its playbooks while this one compiles its own.
    if (usesWorker(totalBytes, options)) {
      const playbooks = values.diff === undefined ? [values.playbook] : [values.playbook, values.diff];
      worker = readInWorker(file, playbooks, options.readerEntry ?? READER_ENTRY);
    }
    const seed = Number(values.seed);
    const main = lane(loadPlaybook(values.playbook), seed);
    const other = values.diff === undefined ? undefined : lane(loadPlaybook(values.diff), seed);
    const reader = worker ?? readInProcess(file, main.playbook);
    return { setup: { file, totalBytes, main, other, reader }, values };
  } catch (error) {
    void worker?.stop();
    io.stderr.write(`${error instanceof AppError ? error.message : `cannot read ${file}: ${errorMessage(error)}`}\n`);
    return 1;
  }
};

/** `switchboard replay`: exit code 0 on success, 1 for a bad playbook or file, 2 for bad usage. */
export const runReplay = async (args: string[], io: ReplayIo, options: ReplayOptions = {}): Promise<number> => {
  // Before any thread starts: the heap settings apply to the reading thread's too.
  const guardMemory = createMemoryGuard();
  const prepared = prepare(args, io, options);
  if (typeof prepared === 'number') return prepared;
  const { setup, values } = prepared;
  const { file, main, other } = setup;
  const summary = new ReplaySummary();
  const diff = other ? new ReplayDiff() : undefined;
  const report = values.html === undefined ? undefined : new ReplayReport();
  const json = values.json ? createJsonOutput(io.stdout) : undefined;
  const progress = createProgress(io.stderr, io.isTTY && (io.stdoutIsTTY ?? io.isTTY), setup.totalBytes);
  // Earned autonomy on the file's recorded outcomes (lines with an `outcome` field).
  const autonomy = new ReplayAutonomy(main.playbook.spec);
  const started = performance.now();

  try {
    for await (const batch of setup.reader.batches) {
      for (const entry of batch.entries) {
        if (!('message' in entry)) {
          summary.invalid += 1;
          if (summary.invalid <= MAX_REPORTED_ERRORS) io.stderr.write(`${file}:${entry.line}: skipped: ${entry.error}\n`);
          continue;
        }
        const { message, language, facts } = entry;
        const decisions = run(main, message, language, facts?.[0]);
        summary.add(message, language, decisions);
        report?.add(message, decisions);
        const others = other ? run(other, message, language, facts?.[1]) : undefined;
        const changed = others && diff ? diff.add(message, decisions, others) : undefined;
        const moved = entry.outcome ? autonomy.add(message, decisions, entry.outcome) : undefined;
        json?.add(message, language, decisions, others, changed, moved);
        guardMemory(summary.messages);
      }
      await json?.flush();
      progress.update(batch.bytes, summary.messages);
    }
  } catch (error) {
    if (!(error instanceof ReaderError)) throw error;
    await json?.flush(true);
    progress.done();
    io.stderr.write(`replay stopped: ${error.message}\n`);
    return 1;
  }
  await json?.flush(true);
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  if (summary.invalid > MAX_REPORTED_ERRORS) io.stderr.write(`… ${summary.invalid - MAX_REPORTED_ERRORS} more unreadable lines skipped\n`);
  if (json) {
    io.stderr.write(`replayed ${summary.messages} messages in ${seconds.toFixed(1)} s\n`);
    return 0;
  }
  const title = `Replayed ${file} with playbook ${main.playbook.source} in ${seconds.toFixed(1)} s — no Postgres, no Redis, nothing sent`;
  io.stdout.write(`${summary.render(title)}\n`);
  if (autonomy.outcomes > 0) io.stdout.write(`${autonomy.render()}\n`);
  if (diff && other) io.stdout.write(`${diff.render(main.playbook.source, other.playbook.source)}\n`);
  if (report && values.html !== undefined) {
    const pageDiff = diff && other ? { diff, before: main.playbook.source, after: other.playbook.source } : undefined;
    const pageTitle = `Replay of ${file} with playbook ${main.playbook.source}`;
    writeFileSync(values.html, renderReplayHtml({ title: pageTitle, summary, report, ...(pageDiff ? { diff: pageDiff } : {}) }));
    io.stdout.write(`Report written to ${values.html}\n`);
  }
  return 0;
};
