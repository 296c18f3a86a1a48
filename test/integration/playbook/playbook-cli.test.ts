import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { packageRoot } from '../../../src/playbook/package-root.js';
import { runCli } from '../../support/run-cli.js';

// Each test starts the CLI as a process through tsx, which alone takes seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

const folder = mkdtempSync(join(tmpdir(), 'playbook-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
};

describe('switchboard playbook', () => {
  it('check prints FILE:LINE:COL error lines and exits 1 on errors', async () => {
    const file = write('broken.yml', 'version: 1\nrules:\n  - id: a\n    when: { keywrds: [refund] }\n    then: [{ hide: true }]\n');
    const result = await runCli(['playbook', 'check', file], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${file}:4:13 error: rules[0].when.keywrds: unexpected key "keywrds" (check the spelling; see docs/playbook.md)\n`,
    );
    expect(result.stdout).toContain(`${file}: 1 error, 0 warnings`);
  });

  it('check prints warnings and exits 0 when a rule can never fire', async () => {
    const file = write(
      'shadowed.yml',
      'version: 1\nrules:\n  - id: spam\n    when: { spam: true }\n    then: [{ hide: true }]\n    stop: true\n  - id: scam\n    when: { spam: [scam] }\n    then: [{ hide: true }]\n',
    );
    const result = await runCli(['playbook', 'check', file], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${file}:7:5 warning: rules[1]: rule "scam" can never fire`);
  });

  it('check without FILE checks SWITCHBOARD_PLAYBOOK, or the default playbook', async () => {
    const file = write('fine.yml', 'version: 1\nrules:\n  - id: a\n    when: { question: true }\n    then: [{ ignore: true }]\n');
    const named = await runCli(['playbook', 'check'], { SWITCHBOARD_PLAYBOOK: file });
    expect(named).toMatchObject({ code: 0, stdout: `${file}: ok\n` });
    const fallback = await runCli(['playbook', 'check'], {});
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toMatch(/default\.yaml: ok\n$/u);
  });

  it('schema prints the shipped JSON Schema', async () => {
    const result = await runCli(['playbook', 'schema'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(packageRoot(), 'schema', 'playbook.schema.json'), 'utf8'));
  });

  it('anything else gets the usage and exit 2', async () => {
    const result = await runCli(['playbook', 'lint'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage: switchboard playbook check/u);
  });
});
