import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayOptions } from '../../../src/cli/replay.js';
import { readerExecArgv } from '../../../src/cli/replay-reader.js';
import { packageRoot } from '../../../src/playbook/package-root.js';
import { capturedReplay } from './captured-replay.js';

const root = packageRoot();
const folder = mkdtempSync(join(tmpdir(), 'replay-reader-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const withoutTimes = ({ code, stdout, stderr }: { code: number; stdout: string; stderr: string }) => ({
  code,
  stdout: stdout.replace(/ in [\d.]+ s/gu, ' in X s'),
  stderr: stderr.replace(/ in [\d.]+ s/gu, ' in X s'),
});

const replay = async (args: string[], options: ReplayOptions) => withoutTimes(await capturedReplay(args, { isTTY: false }, options));

/**
 * The replay embedded in a script run with `node --input-type=module -e`, its reading thread entered
 * through a plain JavaScript file as the compiled CLI's is: the thread inherits the process's flags.
 */
const embeddedReplay = async (args: string[]) => {
  const script = `
import { register } from 'tsx/esm/api';
register();
const { runReplay } = await import(${JSON.stringify(pathToFileURL(join(root, 'src', 'cli', 'replay.ts')).href)});
let stdout = '';
let stderr = '';
const io = { stdout: { write: (chunk) => { stdout += chunk; return true; } }, stderr: { write: (chunk) => { stderr += chunk; return true; } }, isTTY: false };
const readerEntry = new URL(${JSON.stringify(new URL('../../fixtures/replay/javascript-reader.mjs', import.meta.url).href)});
const code = await runReplay(JSON.parse(process.env.REPLAY_ARGS), io, { reader: 'worker', readerEntry });
process.stdout.write(JSON.stringify({ code, stdout, stderr }));
`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, REPLAY_ARGS: JSON.stringify(args) },
    maxBuffer: 64 * 1024 * 1024,
  });
  return withoutTimes(JSON.parse(stdout) as { code: number; stdout: string; stderr: string });
};

/** The sample inbox with unreadable lines, blank lines, outcomes and Windows line ends, and no final line end. */
const awkwardFile = (): string => {
  const inbox = readFileSync(join(root, 'examples', 'inbox.jsonl'), 'utf8')
    .trim()
    .split('\n');
  const lines: string[] = [];
  inbox.forEach((line, index) => {
    lines.push(index % 5 === 0 ? line.replace(/\}$/u, ',"outcome":"approved"}') : line);
    if (index % 40 === 0) lines.push('not json', '', '   ', '{"id":"x"}');
    if (index % 90 === 0) lines.push(line.replace(/\}$/u, ',"outcome":"maybe"}'));
  });
  const file = join(folder, 'awkward.jsonl');
  writeFileSync(file, `${lines.join('\r\n')}\r\n{"broken`);
  return file;
};

describe('replay: the reading thread', () => {
  const file = awkwardFile();
  const other = join(root, 'examples', 'sarcasm-judge.yml');

  it.each([
    ['the summary', []],
    ['--json', ['--json']],
    ['--json with --diff', ['--json', '--diff', other]],
    ['the summary with another playbook and --diff', ['--playbook', other, '--diff', join(root, 'src', 'playbook', 'default.yaml')]],
  ])(
    'gives %s exactly as the in-process reader does',
    async (_, extra) => {
      const inProcess = await replay([file, ...extra], { reader: 'in-process' });
      const worker = await replay([file, ...extra], { reader: 'worker' });
      expect(inProcess.code).toBe(0);
      expect(inProcess.stderr).toContain('skipped: not valid JSON');
      expect(inProcess.stderr).toContain('more unreadable lines skipped');
      expect(worker).toEqual(inProcess);
    },
    60_000,
  );

  it('runs in a script started with node --input-type=module -e, whose flag a thread from a file cannot take', async () => {
    const inProcess = await replay([file, '--json'], { reader: 'in-process' });
    expect(await embeddedReplay([file, '--json'])).toEqual(inProcess);
  }, 60_000);

  it('starts the thread without --input-type, in either spelling, and with every other flag', () => {
    expect(readerExecArgv(['--input-type=module', '-e', 'x', '--max-old-space-size=200'])).toEqual(['-e', 'x', '--max-old-space-size=200']);
    expect(readerExecArgv(['--input-type', 'module', '--import', 'tsx'])).toEqual(['--import', 'tsx']);
  });

  it('stops the thread it started when a playbook cannot be loaded', async () => {
    const { code, stderr } = await replay([file, '--playbook', join(folder, 'missing.yaml')], { reader: 'worker' });
    expect(code).toBe(1);
    expect(stderr).toContain('missing.yaml');
  }, 60_000);

  it('stops with a clear error and exit code 1 when the thread fails', async () => {
    const readerEntry = new URL('../../fixtures/replay/failing-reader.ts', import.meta.url);
    const { code, stderr } = await replay([file, '--json'], { reader: 'worker', readerEntry });
    expect(code).toBe(1);
    expect(stderr).toContain(`replay stopped: the thread reading ${file} failed: cannot make sense of ${file}`);
  }, 60_000);

  it('stops with a clear error and exit code 1 when the thread ends early', async () => {
    const readerEntry = new URL('../../fixtures/replay/vanishing-reader.ts', import.meta.url);
    const { code, stderr } = await replay([file], { reader: 'worker', readerEntry });
    expect(code).toBe(1);
    expect(stderr).toContain(`replay stopped: the thread reading ${file} stopped before the end of the file (exit code 3)`);
  }, 60_000);
});
