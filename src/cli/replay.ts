import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Decision } from '../domain/decision.js';
import type { Message } from '../domain/message.js';
import { seededRandom } from '../engine/context.js';
import { decide } from '../engine/decide.js';
import type { CompiledPlaybook } from '../engine/compiled.js';
import { AppError, errorMessage } from '../errors.js';
import { loadPlaybook } from '../playbook/load.js';
import { ReplayDiff } from './replay-diff.js';
import { ReplayHistory } from './replay-history.js';
import { parseLine, readLines } from './replay-input.js';
import { createMemoryGuard } from './replay-memory.js';
import { createProgress } from './replay-progress.js';
import { ReplaySummary } from './replay-summary.js';

export interface ReplayIo {
  stdout: { write(chunk: string): boolean; once?(event: 'drain', listener: () => void): unknown };
  stderr: { write(chunk: string): unknown };
  isTTY: boolean;
}

const USAGE = `usage: switchboard replay FILE [--playbook P] [--json] [--diff OTHER_PLAYBOOK] [--seed N]

Runs a playbook over a JSONL file of messages (the generic source shape, one a line) with no
Postgres or Redis, and reports what would have happened.
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

const run = (current: Lane, message: Message, language: string): Decision[] => {
  // The summary needs every message's language anyway: detect once, hand it to the engine.
  const decisions = decide(message, current.history.context(message, current.random, language), current.playbook);
  current.history.record(message, decisions);
  return decisions;
};

const record = (decisions: readonly Decision[]) => decisions.map(({ kind, rule, matched, ...rest }) => ({ kind, rule, matched, ...rest }));

const parseReplayArgs = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      playbook: { type: 'string' },
      json: { type: 'boolean', default: false },
      diff: { type: 'string' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

/** `switchboard replay`: exit code 0 on success, 1 for a bad playbook or file, 2 for bad usage. */
export const runReplay = async (args: string[], io: ReplayIo): Promise<number> => {
  let options: ReturnType<typeof parseReplayArgs>;
  try {
    options = parseReplayArgs(args);
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = options;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  let totalBytes: number;
  try {
    totalBytes = statSync(file).size;
  } catch (error) {
    io.stderr.write(`cannot read ${file}: ${errorMessage(error)}\n`);
    return 1;
  }
  const seed = Number(values.seed);
  let main: Lane;
  let other: Lane | undefined;
  try {
    main = lane(loadPlaybook(values.playbook), seed);
    if (values.diff !== undefined) other = lane(loadPlaybook(values.diff), seed);
  } catch (error) {
    io.stderr.write(`${error instanceof AppError ? error.message : errorMessage(error)}\n`);
    return 1;
  }

  const summary = new ReplaySummary();
  const diff = other ? new ReplayDiff() : undefined;
  const progress = createProgress(io.stderr, io.isTTY, totalBytes);
  const guardMemory = createMemoryGuard();
  const started = performance.now();
  let buffered: string[] = [];
  const flush = async (): Promise<void> => {
    if (buffered.length === 0) return;
    const ok = io.stdout.write(`${buffered.join('\n')}\n`);
    buffered = [];
    if (!ok && io.stdout.once) await new Promise<void>((resolve) => io.stdout.once?.('drain', resolve));
  };

  for await (const batch of readLines(file)) {
    for (const line of batch.lines) {
      const parsed = parseLine(line.text);
      if (!parsed.ok) {
        summary.invalid += 1;
        if (summary.invalid <= MAX_REPORTED_ERRORS) io.stderr.write(`${file}:${line.number}: skipped: ${parsed.error}\n`);
        continue;
      }
      const message = parsed.message;
      const language = main.playbook.detectLanguage(message.text);
      const decisions = run(main, message, language);
      summary.add(message, language, decisions);
      const others = other ? run(other, message, language) : undefined;
      const changed = others && diff ? diff.add(message, decisions, others) : undefined;
      if (values.json) {
        const out: Record<string, unknown> = {
          id: message.externalId,
          platform: message.platform,
          kind: message.kind,
          language,
          decisions: record(decisions),
        };
        if (others) Object.assign(out, { changed, other_decisions: record(others) });
        buffered.push(JSON.stringify(out));
      }
      guardMemory(summary.messages);
    }
    if (buffered.length >= 256) await flush();
    progress.update(batch.bytes, summary.messages);
  }
  await flush();
  progress.done();

  const seconds = (performance.now() - started) / 1000;
  if (summary.invalid > MAX_REPORTED_ERRORS) io.stderr.write(`… ${summary.invalid - MAX_REPORTED_ERRORS} more unreadable lines skipped\n`);
  if (!values.json) {
    const title = `Replayed ${file} with playbook ${main.playbook.source} in ${seconds.toFixed(1)} s — no Postgres, no Redis, nothing sent`;
    io.stdout.write(`${summary.render(title)}\n`);
    if (diff && other) io.stdout.write(`${diff.render(main.playbook.source, other.playbook.source)}\n`);
  } else {
    io.stderr.write(`replayed ${summary.messages} messages in ${seconds.toFixed(1)} s\n`);
  }
  return 0;
};
