import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileProject } from '../compile-project.js';
import { inboxMessages } from '../engine/corpus.js';
import { type ReplayShape, SHAPES, writeReplayFile } from './generate.js';

/*
 * Replay at viral scale, whole process: `switchboard replay FILE` (compiled, as it ships) over
 * generated files of the two shapes issue 11 names, for the summary and for `--json` streamed
 * to /dev/null; the median of REPLAY_RUNS runs (3) of each; then the same at half the size, so
 * doubling the input can be compared with doubling the time. Run: npx tsx bench/replay/index.ts
 * (REPLAY_MESSAGES=… to change the size, 1,000,000 by default).
 */

const TARGETS = { summaryRate: 50_000, jsonRate: 30_000, rssMb: 300, doubling: 2 };

interface Run {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
}

/** Records the child's own CPU time and peak RSS as it exits, whatever exit code the CLI chose. */
const PRELOAD = `import { writeFileSync } from 'node:fs';
process.once('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(process.env.REPLAY_BENCH_STATS, JSON.stringify({
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024 }));
});`;

/** The CLI compiled next to its packages (node_modules/.cache), as the engine benchmark does. */
const compileCli = (): string => compileProject('switchboard-bench-replay', join('src', 'cli.js'));

/** One whole process, from spawn to exit; stdout goes to /dev/null, so --json is written, not kept. */
const runOnce = (cli: string, file: string, json: boolean): Promise<Run> => {
  const stats = join(tmpdir(), `switchboard-replay-stats-${process.pid}.json`);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`, cli, 'replay', file, ...(json ? ['--json'] : [])],
    {
      env: { ...process.env, REPLAY_BENCH_STATS: stats },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`replay exited with ${code}`));
      const measured = JSON.parse(readFileSync(stats, 'utf8')) as Omit<Run, 'seconds'>;
      rmSync(stats, { force: true });
      resolve({ seconds, ...measured });
    });
  });
};

const median = (runs: readonly Run[]): Run => {
  const pick = (key: keyof Run) => [...runs.map((run) => run[key])].sort((a, b) => a - b)[Math.floor(runs.length / 2)] as number;
  return { seconds: pick('seconds'), cpuSeconds: pick('cpuSeconds'), maxRssMb: Math.max(...runs.map((run) => run.maxRssMb)) };
};

const measure = async (cli: string, file: string, json: boolean, times: number): Promise<Run> => {
  const runs: Run[] = [];
  for (let i = 0; i < times; i += 1) runs.push(await runOnce(cli, file, json));
  return median(runs);
};

const format = (n: number) => Math.round(n).toLocaleString('en');
const verdict = (ok: boolean) => (ok ? 'meets target' : 'BELOW TARGET');

const line = (label: string, count: number, run: Run, target: number): string => {
  const rate = count / run.seconds;
  const ok = rate >= target && run.maxRssMb < TARGETS.rssMb;
  return `  ${label.padEnd(22)} ${format(rate).padStart(8)} messages/s (${run.seconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU: ${format(count / run.cpuSeconds)}/CPU-s), peak RSS ${run.maxRssMb.toFixed(0)} MB   target ≥ ${format(target)}/s, < ${TARGETS.rssMb} MB  ${verdict(ok)}\n`;
};

const benchShape = async (cli: string, shape: ReplayShape, count: number, times: number): Promise<void> => {
  const texts = inboxMessages();
  const file = join(tmpdir(), `switchboard-replay-${shape}-${process.pid}.jsonl`);
  const half = join(tmpdir(), `switchboard-replay-${shape}-half-${process.pid}.jsonl`);
  try {
    await writeReplayFile(file, shape, count, texts);
    await writeReplayFile(half, shape, count, texts, Math.floor(count / 2));
    process.stdout.write(`${format(count)} messages ${SHAPES[shape]}\n`);
    const summary = await measure(cli, file, false, times);
    process.stdout.write(line('summary', count, summary, TARGETS.summaryRate));
    const json = await measure(cli, file, true, times);
    process.stdout.write(line('--json (streamed)', count, json, TARGETS.jsonRate));
    const halfRun = await measure(cli, half, false, times);
    // CPU time: wall time on a shared machine moves with the neighbours, not with the input.
    const ratio = summary.cpuSeconds / halfRun.cpuSeconds;
    process.stdout.write(
      `  doubling the input      first ${format(count / 2)} → all ${format(count)}: CPU ${halfRun.cpuSeconds.toFixed(1)} s → ${summary.cpuSeconds.toFixed(1)} s (×${ratio.toFixed(2)})   target ≤ ×${TARGETS.doubling}  ${verdict(ratio <= TARGETS.doubling)}\n\n`,
    );
  } finally {
    rmSync(file, { force: true });
    rmSync(half, { force: true });
  }
};

const main = async (): Promise<void> => {
  const count = Number(process.env.REPLAY_MESSAGES ?? 1_000_000);
  const times = Number(process.env.REPLAY_RUNS ?? 3);
  process.stdout.write(
    `replay benchmark — node ${process.version}, whole process, median of ${times}; load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} on ${cpus().length} cores\n\n`,
  );
  const cli = compileCli();
  for (const shape of ['viral', 'distinct'] as const) await benchShape(cli, shape, count, times);
};

await main();
