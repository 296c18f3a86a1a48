import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capturedReplay } from './captured-replay.js';
import { defaultPlaybookPath, packageRoot } from '../../../src/playbook/index.js';

const INBOX = join(packageRoot(), 'examples', 'inbox.jsonl');
const GOLDEN = join(packageRoot(), 'test', 'fixtures', 'golden');

const replay = (args: string[], isTTY = false) => capturedReplay(args, { isTTY });

const scratches: string[] = [];
const scratch = () => {
  const folder = mkdtempSync(join(tmpdir(), 'replay-'));
  scratches.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of scratches) rmSync(folder, { recursive: true, force: true });
});

describe('switchboard replay', () => {
  it('ships a sample inbox of at least 300 messages in eight languages', () => {
    const lines = readFileSync(INBOX, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(300);
  });

  it('summarizes per decision, rule, platform and language, with examples, and no services', async () => {
    const { code, stdout, stderr } = await replay([INBOX]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Replayed .*inbox\.jsonl with playbook default in [\d.]+ s — no Postgres, no Redis, nothing sent/u);
    for (const heading of ['Decisions', 'Rules', 'Platforms', 'Languages']) expect(stdout).toContain(`\n${heading}`);
    expect(stdout).toMatch(/handoff-refund +\d+/u);
    expect(stdout).toContain('e.g. "');
  });

  it('matches the golden summary of the default playbook over examples/inbox.jsonl', async () => {
    const { stdout } = await replay([INBOX]);
    const stable = stdout.replace(/ in [\d.]+ s — /u, ' — ').replace(/^Replayed \S+/u, 'Replayed examples/inbox.jsonl');
    await expect(stable).toMatchFileSnapshot(join(GOLDEN, 'default-inbox-summary.txt'));
  });

  it('prints one JSON record per message with --json, matching the golden decisions', async () => {
    const { code, stdout } = await replay([INBOX, '--json']);
    expect(code).toBe(0);
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; decisions: { kind: string; rule: string; matched: string[] }[] });
    expect(records).toHaveLength(readFileSync(INBOX, 'utf8').trim().split('\n').length);
    const refund = records.find((record) => record.decisions.some((d) => d.rule === 'handoff-refund'));
    expect(refund?.decisions[0]).toEqual(expect.objectContaining({ kind: 'handoff', rule: 'handoff-refund', matched: expect.any(Array) }));
    const compact = records.map(
      (record) => `${record.id}\t${record.decisions.map((d) => `${d.kind}(${d.rule})${JSON.stringify(d.matched)}`).join(' ')}`,
    );
    await expect(`${compact.join('\n')}\n`).toMatchFileSnapshot(join(GOLDEN, 'default-inbox-decisions.txt'));
  });

  it('shows what changes between two playbooks with --diff', async () => {
    const folder = scratch();
    const lenient = join(folder, 'lenient.yaml');
    const yaml = readFileSync(defaultPlaybookPath(), 'utf8').replace(
      '      has_link: true\n    then:\n      - hide: true\n      - tag: posted-link',
      '      has_link: true\n    then:\n      - tag: posted-link',
    );
    writeFileSync(lenient, yaml);
    const { code, stdout } = await replay([INBOX, '--diff', lenient]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Diff: default → .*lenient\.yaml/u);
    expect(stdout).toMatch(/\d+ of \d+ messages would be decided differently/u);
    expect(stdout).toMatch(/hide +\d+ → +\d+ +-\d+/u);
    const json = await replay([INBOX, '--json', '--diff', lenient]);
    const changed = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { changed: boolean })
      .filter((record) => record.changed);
    expect(changed.length).toBeGreaterThan(0);
  });

  it('refuses a broken playbook with file:line:column', async () => {
    const folder = scratch();
    const broken = join(folder, 'broken.yaml');
    writeFileSync(broken, 'version: 1\nrules:\n  - id: x\n    when: { keywords: refund }\n    then: [{ hide: true }]\n');
    const { code, stderr } = await replay([INBOX, '--playbook', broken]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.yaml:4:23: rules\[0\]\.when\.keywords: expected a list of terms/u);
  });

  it('skips unreadable lines, naming them, and keeps going', async () => {
    const folder = scratch();
    const file = join(folder, 'mixed.jsonl');
    const good = readFileSync(INBOX, 'utf8').split('\n')[0];
    writeFileSync(file, `${good}\nnot json\n{"id":"x"}\n\n${good}\n`);
    const { code, stdout, stderr } = await replay([file]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${file}:2: skipped: not valid JSON`);
    expect(stderr).toMatch(new RegExp(`${file}:3: skipped: platform`, 'u'));
    expect(stdout).toContain('messages 2, no decision');
    expect(stdout).toContain('unreadable lines 2');
  });

  it('draws a progress bar on stderr only on a terminal', async () => {
    expect((await replay([INBOX], true)).stderr).toContain('\r');
    expect((await replay([INBOX], false)).stderr).toBe('');
  });

  it('explains its usage', async () => {
    expect((await replay([])).code).toBe(2);
    expect((await replay(['--help'])).stdout).toContain('usage: switchboard replay FILE');
    expect((await replay(['/nope.jsonl'])).stderr).toContain('cannot read /nope.jsonl');
  });
});
