import { execFileSync } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message } from '../../src/domain/message.js';
import { emptyContext, seededRandom, type EngineContext } from '../../src/engine/context.js';
import { decide } from '../../src/engine/decide.js';
import { eventsFrom } from '../../src/engine/recent-events.js';
import type { CompiledPlaybook } from '../../src/engine/compiled.js';
import { loadPlaybook, packageRoot, parsePlaybook } from '../../src/playbook/index.js';
import { compileProject } from '../compile-project.js';
import { counter, inboxMessages } from './corpus.js';
import { keywordPlaybookYaml } from './keyword-playbook.js';

/*
 * Engine benchmark, one core: messages/s through the pure core with the default playbook
 * and with 5,000 generated keywords, then a replay of 1,000,000 generated messages in a
 * child process with its wall time and peak RSS.  Run: npx tsx bench/engine/index.ts
 * (REPLAY_MESSAGES=… to change the replay's size).
 *
 * The replay runs compiled, as `switchboard replay` ships (dist/), not under tsx, whose
 * loader thread alone adds ~35 MB of RSS; the project is compiled to a cache folder first.
 */

const TARGETS = { defaultRate: 50_000, keywordRate: 20_000, replaySeconds: 60, replayRssMb: 300 };
const MEASURE_MS = 3_000;

const contexts = (messages: readonly Message[]): EngineContext[] => {
  const next = counter(11);
  return messages.map((message) => {
    const context = emptyContext(message.createdAt, seededRandom(next(1_000)));
    const hours = (n: number) => new Date(message.createdAt.getTime() - n * 3_600_000);
    if (next(4) === 0) context.author.recentTriggers = eventsFrom([hours(1), hours(5)]);
    if (next(5) === 0) context.post.recentComments = eventsFrom([hours(0.1), hours(0.2), hours(0.3)]);
    if (next(6) === 0) context.recentPhrasings = ['price.en.1'];
    return context;
  });
};

interface Rate {
  wall: number;
  /** Messages per second of this process's CPU time: steadier on a machine others are using. */
  cpu: number;
}

const throughput = (playbook: CompiledPlaybook, messages: readonly Message[]): Rate => {
  const prepared = contexts(messages);
  const pass = () => {
    for (let i = 0; i < messages.length; i += 1) decide(messages[i] as Message, prepared[i] as EngineContext, playbook);
  };
  const warmUntil = performance.now() + 1_000;
  while (performance.now() < warmUntil) pass();
  let done = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  while (performance.now() - started < MEASURE_MS) {
    pass();
    done += messages.length;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return { wall: done / ((performance.now() - started) / 1000), cpu: done / ((cpu.user + cpu.system) / 1e6) };
};

const withKeywords = (messages: readonly Message[], words: readonly string[]): Message[] => {
  const next = counter(77);
  return messages.map((message, index) =>
    index % 3 === 0 ? { ...message, text: `${message.text} ${words[next(words.length)]}` } : message,
  );
};

const writeReplayFile = async (file: string, count: number, messages: readonly Message[]): Promise<void> => {
  const out = createWriteStream(file);
  const next = counter(1_000_000);
  const platforms = ['facebook', 'instagram', 'whatsapp', 'youtube', 'x', 'tiktok'];
  let at = Date.parse('2026-10-01T00:00:00Z');
  let chunk = '';
  for (let i = 0; i < count; i += 1) {
    const source = messages[next(messages.length)] as Message;
    const platform = platforms[next(platforms.length)] as string;
    const kind = platform === 'whatsapp' ? 'dm' : source.kind;
    at += 1_000 + next(4_000);
    const author = next(50_000);
    const row: Record<string, unknown> = {
      id: `${platform}-${i}`,
      platform,
      kind,
      account_id: `${platform}-brand`,
      author: { id: `a${author}`, name: source.author.name },
      text: source.text,
      created_at: new Date(at).toISOString(),
    };
    if (kind !== 'dm') row.post = { id: `p${next(5_000)}` };
    chunk += `${JSON.stringify(row)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
};

/** Runs in its own process so its peak RSS is the replay's alone. */
const childScript = (replayModule: string): string => `
import { runReplay } from ${JSON.stringify(pathToFileURL(replayModule).href)};
const sink = { write: () => true };
const started = performance.now();
const cpuStarted = process.cpuUsage();
const code = await runReplay([process.env.REPLAY_FILE], { stdout: sink, stderr: process.stderr, isTTY: false });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
process.stdout.write(JSON.stringify({ code, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\\n');
`;

/** The project compiled into node_modules/.cache (so packages resolve); returns the compiled replay module. */
const compileForReplay = (): string => compileProject('switchboard-bench-engine', join('src', 'cli', 'replay.js'));

const format = (n: number) => Math.round(n).toLocaleString('en');
const verdict = (ok: boolean) => (ok ? 'meets target' : 'BELOW TARGET');

const main = async (): Promise<void> => {
  const messages = inboxMessages();
  process.stdout.write(
    `engine benchmark — node ${process.version}, one core, ${messages.length} sample messages (examples/inbox.jsonl)\n\n`,
  );

  process.stdout.write(
    `load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} on ${cpus().length} cores (other work on the machine slows every figure)\n\n`,
  );
  const defaultRate = throughput(loadPlaybook(), messages);
  process.stdout.write(
    `default playbook        ${format(defaultRate.wall).padStart(10)} messages/s (${format(defaultRate.cpu)} per CPU-second)   target ≥ ${format(TARGETS.defaultRate)}  ${verdict(defaultRate.wall >= TARGETS.defaultRate)}\n`,
  );

  const { yaml, words } = keywordPlaybookYaml(5_000);
  const compileStarted = performance.now();
  const keywordPlaybook = parsePlaybook(yaml, 'generated-5000.yaml');
  const compileMs = performance.now() - compileStarted;
  const keywordRate = throughput(keywordPlaybook, withKeywords(messages, words));
  process.stdout.write(
    `5,000-keyword playbook  ${format(keywordRate.wall).padStart(10)} messages/s (${format(keywordRate.cpu)} per CPU-second)   target ≥ ${format(TARGETS.keywordRate)}  ${verdict(keywordRate.wall >= TARGETS.keywordRate)}  (${keywordPlaybook.terms.size} terms compiled in ${compileMs.toFixed(0)} ms)\n`,
  );

  const count = Number(process.env.REPLAY_MESSAGES ?? 1_000_000);
  const file = join(tmpdir(), `switchboard-replay-bench-${process.pid}.jsonl`);
  const generateStarted = performance.now();
  await writeReplayFile(file, count, messages);
  process.stdout.write(
    `\nreplay: generated ${format(count)} messages in ${((performance.now() - generateStarted) / 1000).toFixed(1)} s at ${file}\n`,
  );
  try {
    const script = childScript(compileForReplay());
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageRoot(),
      env: { ...process.env, REPLAY_FILE: file },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as {
      code: number;
      seconds: number;
      cpuSeconds: number;
      maxRssMb: number;
    };
    // A replay that stopped early (its reason is on stderr above) is fast and small, and measured nothing.
    if (result.code !== 0) {
      process.stdout.write(`replay of ${format(count)} messages  FAILED: it exited with code ${result.code}, so nothing was measured\n`);
      return;
    }
    const ok = result.seconds < TARGETS.replaySeconds && result.maxRssMb < TARGETS.replayRssMb;
    process.stdout.write(
      `replay of ${format(count)} messages  ${result.seconds.toFixed(1)} s wall, ${result.cpuSeconds.toFixed(1)} s CPU (${format(count / result.seconds)} messages/s), peak RSS ${result.maxRssMb.toFixed(0)} MB   target < ${TARGETS.replaySeconds} s, < ${TARGETS.replayRssMb} MB  ${verdict(ok)}\n`,
    );
  } finally {
    rmSync(file, { force: true });
  }
};

await main();
