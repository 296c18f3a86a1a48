import { parseArgs } from 'node:util';
import { emptyContext, seededRandom } from '../engine/context.js';
import { decide } from '../engine/decide.js';
import type { CompiledPlaybook } from '../engine/compiled.js';
import { AppError, errorMessage } from '../errors.js';
import { readArgs } from './cli-args.js';
import { loadPlaybook } from '../playbook/load.js';
import { packageRoot } from '../playbook/package-root.js';
import type { Outcome } from './eval-labels.js';
import { renderEvalJson, renderEvalText } from './eval-report.js';
import { EvalScore } from './eval-score.js';
import { defaultSources, readLabelledFile, readLabels } from './eval-sources.js';

export interface EvalIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

const USAGE = `usage: switchboard eval [FILE…] [--labels LABELS] [--playbook P] [--json] [--misses N]

Scores a playbook on labelled comments: how many of those labelled hide it hides (and of the
others), precision and recall per label, the confusion between hide, handoff, reply and none,
and the worst misses with their explanation. FILE is a CSV (the YouTube Spam Collection's
columns, or id,text,label) or JSONL messages with a "label"; LABELS gives labels by id. With no
FILE: examples/*.labelled.jsonl and ../shared/data/youtube-spam/*.csv when it is there.
`;
const MAX_PROBLEMS = 10;

const parseEvalArgs = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      labels: { type: 'string' },
      playbook: { type: 'string' },
      json: { type: 'boolean', default: false },
      misses: { type: 'string', default: '15' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

// Each message is judged on its own, with no history: the figures measure what the rules make
// of the text, the same whatever order the files list their messages in.
const score = (playbook: CompiledPlaybook, files: readonly string[], labels: ReadonlyMap<string, Outcome>, seed: number) => {
  const result = new EvalScore();
  const problems: string[] = [];
  for (const file of files) {
    const read = readLabelledFile(file, labels);
    problems.push(...read.problems);
    for (const item of read.items) {
      result.add(item, decide(item.message, emptyContext(item.message.createdAt, seededRandom(seed)), playbook));
    }
  }
  return { result, problems };
};

/** `switchboard eval`: 0 when it scored something (whatever the figures), 1 for a bad playbook or file, 2 for bad usage. */
export const runEval = (args: string[], io: EvalIo): number => {
  const options = readArgs(() => parseEvalArgs(args), io, USAGE);
  if (typeof options === 'number') return options;
  const { values, positionals } = options;
  const misses = Number(values.misses);
  if (!Number.isInteger(misses) || misses < 0) {
    io.stderr.write(`--misses: expected a whole number, got "${values.misses}"\n${USAGE}`);
    return 2;
  }
  const defaults = positionals.length === 0 ? defaultSources(packageRoot()) : { files: positionals, notes: [] };
  try {
    const playbook = loadPlaybook(values.playbook);
    const labels = values.labels === undefined ? { labels: new Map<string, Outcome>(), problems: [] } : readLabels(values.labels);
    const { result, problems } = score(playbook, defaults.files, labels.labels, Number(values.seed));
    const all = [...labels.problems, ...problems];
    for (const problem of all.slice(0, MAX_PROBLEMS)) io.stderr.write(`${problem}\n`);
    if (all.length > MAX_PROBLEMS) io.stderr.write(`… ${all.length - MAX_PROBLEMS} more problems\n`);
    if (result.messages === 0) {
      io.stderr.write(`no labelled messages to score in ${defaults.files.join(', ') || '(no files)'}\n`);
      return 1;
    }
    const meta = { playbook: playbook.source, notes: defaults.notes, misses };
    io.stdout.write(`${values.json ? renderEvalJson(result, meta) : renderEvalText(result, meta)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`${error instanceof AppError ? error.message : errorMessage(error)}\n`);
    return 1;
  }
};
