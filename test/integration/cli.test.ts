import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/fake-openai.js';
import { startServices, type Services } from '../support/app-harness.js';
import { uniqueName } from '../support/isolated.js';
import { runCli } from '../support/run-cli.js';

// Every test here starts the CLI as a process through tsx, which alone takes seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

let services: Services;
let openai: FakeOpenAi;
beforeAll(async () => {
  services = await startServices();
  openai = await startFakeOpenAi();
});
afterAll(async () => {
  await openai?.close();
  await services?.close();
});

describe('switchboard CLI', () => {
  it('stops with one line naming a malformed variable', async () => {
    const result = await runCli(['start'], { PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^switchboard: PORT: expected a TCP port/u);
  });

  it('doctor prints one line per check and passes when everything answers', async () => {
    services.graph.addToken('EAAG-whatsapp-token', { id: '102290129340398', name: 'Acme WABA' });
    services.graph.whatsapp.addPhoneNumber('106540352242922', '15550783881');
    const result = await runCli(['doctor'], {
      ...services.env,
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_ACCESS_TOKEN: 'EAAG-whatsapp-token',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_MODEL: 'gpt-test',
    });
    expect(result.stdout).toMatch(/^ok\s+config/mu);
    expect(result.stdout).toMatch(/^ok\s+postgres\s+connected to .*migrations up to date/mu);
    expect(result.stdout).toMatch(/^ok\s+redis/mu);
    expect(result.stdout).toMatch(/^ok\s+slack\s+authenticated as/mu);
    expect(result.stdout).toMatch(/^ok\s+meta\s+page token valid for Acme Shoes/mu);
    expect(result.stdout).toMatch(/^ok\s+whatsapp\s+token valid for 15550783881 \(Acme Outdoor\)/mu);
    expect(result.stdout).toMatch(/^ok\s+openai\s+model gpt-test available; LLM drafts on/mu);
    expect(result.code).toBe(0);
  });

  it('doctor exits non-zero and says what is wrong', async () => {
    const result = await runCli(['doctor'], {
      ...services.env,
      SLACK_BOT_TOKEN: 'xoxb-wrong',
      REDIS_URL: 'redis://127.0.0.1:1',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_MODEL: 'gpt-5-imaginary',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL\s+openai\s+model gpt-5-imaginary is not available to this key — check OPENAI_MODEL/mu);
    expect(result.stdout).toMatch(/^FAIL\s+slack\s+auth.test answered invalid_auth — check SLACK_BOT_TOKEN/mu);
    expect(result.stdout).toMatch(/^FAIL\s+redis\s+cannot reach Redis at 127.0.0.1:1/mu);
  });

  it('migrate creates a missing database and is idempotent', async () => {
    const name = uniqueName('sb_cli');
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    try {
      const first = await runCli(['migrate'], { DATABASE_URL: url });
      expect(first.stdout).toMatch(/created the database; applied 0001_init/u);
      const second = await runCli(['migrate'], { DATABASE_URL: url });
      expect(second.stdout).toMatch(/already up to date/u);
    } finally {
      const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('refuses a broken playbook with file:line:column, before touching the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-playbook-'));
    const path = join(dir, 'playbook.yaml');
    writeFileSync(path, 'version: 1\nrules:\n  - id: x\n    when: { keywordz: [a] }\n    then: [ { handoff: {} } ]\n');
    const name = uniqueName('sb_never');
    try {
      const result = await runCli(['start'], { SWITCHBOARD_PLAYBOOK: path, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}` });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${path}:4:13: rules[0].when.keywordz`);
      const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
      await admin.connect();
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      await admin.end();
      expect(found.rowCount).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints usage for an unknown command', async () => {
    const result = await runCli(['frobnicate'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "frobnicate"/u);
  });
});
